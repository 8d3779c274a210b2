import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Handlers only dispatch (DESIGN.md): every query lives in a service, where it runs in the
 * service's transaction and is tested with it. A handler that reads or writes the database
 * itself fails here, named.
 */
const dir = path.join(__dirname, '..', '..', 'main', 'ipc', 'handlers');
const queries = /\b(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\s*\(|\bsql\s*`|\.transaction\s*\(/;

describe('IPC handlers', () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s holds no query: it calls a service', (file) => {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    const found = lines
      .map((l, i) => [i + 1, l] as const)
      .filter(([, l]) => queries.test(l))
      .map(([n, l]) => `${file}:${n}: ${l.trim()}`);
    expect(found, 'move the query into a main/services function and call it from the handler').toEqual([]);
  });

  it('the check sees a query when there is one', () => {
    expect(queries.test("ctx.db.selectFrom('orders').selectAll()")).toBe(true);
    expect(queries.test('await sql`SELECT 1`.execute(db)')).toBe(true);
    expect(queries.test("'orders.get': async (input, { ctx }) => orderDetail(ctx.db, input.id)")).toBe(false);
  });
});
