/**
 * The bench's measuring tools: interleaved timing of a call beside its floor and its plaintext
 * twin, the load average beside every figure, the table the README quotes, and the machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { cacheKibFor } from '../../db/open';
import type { DB } from '../../db/schema';

export interface Stat {
  median: number;
  p95: number;
}
export interface Row {
  call: string;
  product: Stat;
  floor: Stat | null;
  plain: Stat | null;
  /** The 1-minute load average at the call's start and end. */
  load: [number, number];
}

export function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)], p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] };
}

async function timed(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The 1-minute load average at each call's start and end: other people's work on a shared machine. */
export const loadSamples: number[] = [];
const sampleLoad = () => {
  const l = os.loadavg()[0];
  loadSamples.push(l);
  return l;
};

export const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
export const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;

/** Runs the variants in turn, run after run (rotating who goes first), so load hits all alike. */
export async function measure(call: string, n: number, v: { product: () => unknown; floor?: () => unknown; plain?: () => unknown }, warmUp = true): Promise<Row> {
  const variants = (['product', 'floor', 'plain'] as const).filter((k) => v[k]);
  const samples: Record<string, number[]> = { product: [], floor: [], plain: [] };
  const t0 = Date.now();
  const before = sampleLoad();
  if (warmUp) for (const k of variants) await v[k]!(); // statement caches and page cache
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < variants.length; j++) {
      const k = variants[(i + j) % variants.length];
      samples[k].push(await timed(v[k]!));
    }
  }
  const after = sampleLoad();
  const row: Row = { call, product: stat(samples.product), floor: v.floor ? stat(samples.floor) : null, plain: v.plain ? stat(samples.plain) : null, load: [before, after] };
  console.error(`  ${call}: product ${fmt(row.product.median)} ms, floor ${row.floor ? fmt(row.floor.median) : '-'} ms, load ${before.toFixed(1)}-${after.toFixed(1)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return row;
}

export function table(rows: Row[]): string {
  const head = '| call | product median (ms) | p95 | floor median (ms) | p95 | product / floor (median, p95) | encrypted / plaintext | load |';
  const lines = rows.map((r) =>
    `| ${r.call} | ${fmt(r.product.median)} | ${fmt(r.product.p95)} | ${r.floor ? fmt(r.floor.median) : '-'} | ${r.floor ? fmt(r.floor.p95) : '-'} | ${r.floor ? `${ratio(r.product.median, r.floor.median)}, ${ratio(r.product.p95, r.floor.p95)}` : '-'} | ${r.plain ? ratio(r.product.median, r.plain.median) : '-'} | ${r.load.map((l) => l.toFixed(1)).join('-')} |`,
  );
  return [head, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...lines].join('\n');
}

/** The plaintext twin behind the same Kysely and pragmas as db/open.ts (no key). */
export function openPlain(file: string) {
  const sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`cache_size = -${cacheKibFor(file)}`);
  sqlite.pragma('temp_store = MEMORY');
  return { sqlite, db: new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) }) };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqlite: (new Database(':memory:').prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    driver: (JSON.parse(fs.readFileSync(require.resolve('better-sqlite3-multiple-ciphers/package.json'), 'utf8')) as { version: string }).version,
  };
}
