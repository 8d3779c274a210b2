import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ACTION_WORDS, actionWords, ENTITY_WORDS, entityWords, fieldLabel } from '../../main/domain/auditWords';

/**
 * Every audit action the code writes has words (issue 8 item 9). The list is read from the code
 * itself, not copied: the TypeScript checker finds every appendAudit call under main/ and works
 * out which action codes its `action` can be (a literal, a template over a union, a conditional,
 * or a parameter traced back to the calls in its file). A new action without words fails here.
 */
const root = path.join(__dirname, '..', '..');
const mainDir = path.join(root, 'main');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

interface Written {
  actions: Map<string, string[]>;
  entities: Map<string, string[]>;
  unresolved: string[];
  calls: number;
}

function readWrittenAudit(): Written {
  const files = tsFiles(mainDir);
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const out: Written = { actions: new Map(), entities: new Map(), unresolved: [], calls: 0 };
  const where = (n: ts.Node) => {
    const sf = n.getSourceFile();
    return `${path.relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  };
  const add = (m: Map<string, string[]>, code: string, at: string) => m.set(code, [...(m.get(code) ?? []), at]);

  /** The calls of the function that declares `param`, in its own file, and the argument at its position. */
  const argumentsFor = (param: ts.ParameterDeclaration): ts.Expression[] => {
    const fn = param.parent;
    const index = fn.parameters.indexOf(param);
    const name = ts.isFunctionDeclaration(fn) && fn.name ? fn.name.text : null;
    if (!name) return [];
    const found: ts.Expression[] = [];
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name && n.arguments[index]) found.push(n.arguments[index]);
      ts.forEachChild(n, visit);
    };
    visit(fn.getSourceFile());
    return found;
  };
  const paramOf = (id: ts.Identifier): ts.ParameterDeclaration | null => {
    // `{ action }` names the property; the value it takes is the variable of the same name.
    const symbol = ts.isShorthandPropertyAssignment(id.parent) ? checker.getShorthandAssignmentValueSymbol(id.parent) : checker.getSymbolAtLocation(id);
    const decl = symbol?.valueDeclaration;
    return decl && ts.isParameter(decl) ? decl : null;
  };

  /** Every string an expression can be, or null (recorded as unresolved) when the code does not say. */
  const codes = (e: ts.Expression, depth = 0): string[] | null => {
    if (depth > 5) return null;
    if (ts.isParenthesizedExpression(e)) return codes(e.expression, depth);
    if (ts.isTemplateExpression(e)) {
      // `orders.dose_${v.kind}`: every combination of what each placeholder can be.
      let out: string[] = [e.head.text];
      for (const span of e.templateSpans) {
        const values = codes(span.expression, depth + 1);
        if (!values) return null;
        out = out.flatMap((prefix) => values.map((v) => prefix + v + span.literal.text));
      }
      return out;
    }
    if (ts.isConditionalExpression(e)) {
      const a = codes(e.whenTrue, depth + 1);
      const b = codes(e.whenFalse, depth + 1);
      return a && b ? [...a, ...b] : null;
    }
    // What the checker knows, when it is a handful of literals ('csv' | 'print', a DoseKind).
    const type = checker.getTypeAtLocation(e);
    const parts = type.isUnion() ? type.types : [type];
    // A union as wide as the whole map is a variable typed AuditAction: it would pass any code,
    // so it is traced to where its value comes from instead.
    if (parts.length <= 8 && parts.every((t) => t.isStringLiteral())) return parts.map((t) => (t as ts.StringLiteralType).value);
    if (ts.isIdentifier(e)) {
      const p = paramOf(e);
      if (p) return collect(argumentsFor(p).map((a) => codes(a, depth + 1)));
    }
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
      const p = paramOf(e.expression);
      if (p) {
        const prop = e.name.text;
        return collect(
          argumentsFor(p).map((a) => {
            if (!ts.isObjectLiteralExpression(a)) return null;
            const pa = a.properties.find((x): x is ts.PropertyAssignment => ts.isPropertyAssignment(x) && x.name.getText() === prop);
            return pa ? codes(pa.initializer, depth + 1) : null;
          }),
        );
      }
    }
    return null;
  };
  const collect = (lists: (string[] | null)[]) => (lists.length > 0 && lists.every((l) => l !== null) ? lists.flat() as string[] : null);

  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(mainDir)) continue;
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'appendAudit' && n.arguments[1] && ts.isObjectLiteralExpression(n.arguments[1])) {
        out.calls++;
        for (const [key, map] of [['action', out.actions], ['entityType', out.entities]] as const) {
          const prop = n.arguments[1].properties.find((x) => x.name?.getText() === key);
          const expr = prop && ts.isPropertyAssignment(prop) ? prop.initializer : prop && ts.isShorthandPropertyAssignment(prop) ? prop.name : null;
          const found = expr ? codes(expr) : null;
          if (!found) out.unresolved.push(`${where(n)} (${key})`);
          else for (const c of found) add(map, c, where(n));
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe('audit words', () => {
  const written = readWrittenAudit();

  it('finds the audit writes in the code (so the checks below are not vacuous)', () => {
    expect(written.calls).toBeGreaterThan(40);
    expect(written.unresolved, 'give these actions a literal type (a code from ACTION_WORDS) so the test can read them').toEqual([]);
    // Spot checks of the three ways codes are written: literal, template over a union, parameter.
    expect([...written.actions.keys()]).toEqual(expect.arrayContaining(['orders.start', 'orders.dose_taper_step', 'users.deactivate', 'session.account_locked', 'followups.export_print']));
  });

  it('every action code the services write has words, and every word belongs to a written code', () => {
    const missing = [...written.actions.keys()].filter((c) => !Object.hasOwn(ACTION_WORDS, c));
    expect(missing, 'add these to ACTION_WORDS in main/domain/auditWords.ts').toEqual([]);
    const unused = Object.keys(ACTION_WORDS).filter((c) => !written.actions.has(c));
    expect(unused, 'no code writes these any more: drop them').toEqual([]);
  });

  it('every entity type written has a noun', () => {
    const missing = [...written.entities.keys()].filter((c) => !Object.hasOwn(ENTITY_WORDS, c));
    expect(missing, 'add these to ENTITY_WORDS').toEqual([]);
  });

  it('the words are words: no codes, dots or underscores', () => {
    for (const [code, words] of Object.entries(ACTION_WORDS)) {
      expect(words, code).not.toMatch(/[._#]|^[a-z]/);
    }
    expect(actionWords('orders.dose_taper_step')).toBe('Taper step planned');
    expect(actionWords('orders.some_future_code')).not.toContain('orders');
    expect(entityWords('followup')).toBe('Review');
    expect(entityWords('something_new')).toBe('Record');
  });

  it('labels fields in words and leaves out what nobody acts on', () => {
    expect(fieldLabel('due_date')).toBe('Due date');
    expect(fieldLabel('assigned_prescriber_id')).toBe('Assigned prescriber');
    expect(fieldLabel('status_changed_at')).toBe('Status changed (time)');
    expect(fieldLabel('cancelled_reason')).toBe('Cancelled reason');
    expect(fieldLabel('password_hash')).toBeNull();
    expect(fieldLabel('onTimeWindowMinutes')).toBe('On time window minutes');
  });
});
