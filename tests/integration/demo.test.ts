import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../db/open';
import { fixedClock } from '../../main/clock';
import { buildDemoClinic } from '../../main/demo';
import { DEMO_FAMILY_NAMES, DEMO_GIVEN_NAMES } from '../../main/demo/names';
import type { OrderView } from '../../main/ipc/contract/orders';
import type { OverdueAudit } from '../../main/ipc/contract/followups';
import { verifyAuditChain } from '../../main/services/audit';
import type { ServiceContext } from '../../main/services/context';
import { overdueAudit } from '../../main/services/followupAudit';
import { worklist } from '../../main/services/followups';
import { orderViews } from '../../main/services/orderViews';
import { listPatients } from '../../main/services/patients';
import { listUsers } from '../../main/services/users';
import { makeTempDir } from '../support/tempdb';

/**
 * The demo clinic as its users meet it on the day it is built: staff of every role, patients
 * mid-taper and in maintenance, and a review history whose audit shows who is behind.
 */

const BUILT_AT = '2026-11-27T15:00:00.000Z'; // 10:00 in New York, a Friday
const dir = makeTempDir('medtrack-demo-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function build(name: string, at: string) {
  const file = path.join(dir, `${name}.db`);
  const handle = await buildDemoClinic(file, { clock: fixedClock(at) });
  const ctx: ServiceContext = { db: handle.db, clock: fixedClock(at) };
  return { file, handle, ctx };
}

/** What the director's audit shows, in a form two builds can be compared by. */
function auditShape(audit: OverdueAudit) {
  const sum = (k: 'onTime' | 'due') => audit.rows.reduce((n, r) => n + r.last30[k], 0);
  return {
    overdue: audit.totals.overdue,
    critical: audit.totals.critical,
    byPrescriber: Object.fromEntries(audit.rows.map((r) => [r.prescriberName, [r.overdue, r.critical]])),
    clinicOnTime: sum('due') === 0 ? null : sum('onTime') / sum('due'),
  };
}

let handle: ClinicDatabase;
let ctx: ServiceContext;
let file: string;
let orders: OrderView[];
let audit: OverdueAudit;

beforeAll(async () => {
  ({ handle, ctx, file } = await build('demo', BUILT_AT));
  orders = await orderViews(handle.db, await handle.db.selectFrom('orders').selectAll().execute(), ctx.clock.now());
  audit = await overdueAudit(ctx, {});
});

describe('the demo clinic on the day it is built', () => {
  it('has staff in every role and a full patient list', async () => {
    const users = await listUsers(ctx, { activeOnly: true });
    const count = (role: string) => users.filter((u) => u.role === role).length;
    expect(count('prescriber')).toBe(3);
    expect(count('nurse')).toBe(3);
    expect(count('medical_director')).toBe(1);
    expect(count('admin')).toBe(1);
    expect((await listPatients(ctx, { query: '', includeDischarged: true })).length).toBeGreaterThanOrEqual(30);
  });

  it('shows every order state a prescriber works with', async () => {
    const active = orders.filter((o) => o.status === 'active');
    expect(active.filter((o) => o.plannedSteps > 0 && o.nextStep !== null).map((o) => o.medication.name)).toEqual(
      expect.arrayContaining(['Chlordiazepoxide', 'Diazepam', 'Phenobarbital']),
    );
    const held = orders.filter((o) => o.status === 'held');
    expect(held.length).toBeGreaterThanOrEqual(2);
    for (const o of held) expect(o.statusReason).toBeTruthy();
    // A held taper keeps its plan, to be shifted when it resumes.
    expect(held.some((o) => o.plannedSteps > 0)).toBe(true);
    const stopped = orders.filter((o) => o.status === 'discontinued');
    expect(stopped.length).toBeGreaterThanOrEqual(5);
    for (const o of stopped) expect(o.statusReason).toBeTruthy();
    // Finished tapers read as completed once their end has passed.
    expect(orders.some((o) => o.status === 'completed')).toBe(true);

    const prn = orders.filter((o) => o.prn !== null);
    expect(new Set(prn.map((o) => o.medication.name))).toEqual(new Set(['Hydroxyzine', 'Ondansetron', 'Loperamide', 'Clonidine']));
    expect(prn.find((o) => o.medication.name === 'Hydroxyzine')?.prn).toEqual({ indication: 'Anxiety or restlessness', maxDoses24h: 4, minIntervalMinutes: 360 });
    expect(prn.find((o) => o.medication.name === 'Clonidine')?.symptomTrigger).toBe('COWS >= 5');

    const home = orders.filter((o) => o.administeredBy === 'patient').map((o) => o.medication.name);
    expect(home).toEqual(expect.arrayContaining(['Trazodone', 'Acamprosate', 'Nicotine patch', 'Naltrexone']));
    const overrides = orders.filter((o) => o.safetyOverrideReason);
    expect(overrides.map((o) => o.medication.name).sort()).toEqual(['Chlordiazepoxide', 'Gabapentin']);

    // Buprenorphine/naloxone inductions went up to the 16 mg maintenance dose.
    expect(active.some((o) => o.medication.name === 'Buprenorphine/naloxone' && o.doseNow?.amount === 16)).toBe(true);
    expect(new Set(orders.map((o) => o.prescriberName)).size).toBe(3);
    const byPrescriber = new Map<string, number>();
    for (const o of orders) byPrescriber.set(o.prescriberName, (byPrescriber.get(o.prescriberName) ?? 0) + 1);
    expect(Math.max(...byPrescriber.values())).toBe(byPrescriber.get('Dr. Iris Quillfeather'));

    const actions = new Set((await handle.db.selectFrom('audit_log').select('action').distinct().execute()).map((a) => a.action));
    for (const a of ['orders.resume', 'orders.stop_taper', 'orders.dose_change', 'orders.safety_override', 'followups.reassign', 'followups.reschedule']) {
      expect(actions).toContain(a);
    }
  });

  it("gives the director an audit with overdue and critically overdue reviews, unevenly spread", () => {
    const { totals, rows } = audit;
    expect(totals.critical).toBeGreaterThan(0);
    expect(totals.overdue - totals.critical).toBeGreaterThan(0);
    const byName = new Map(rows.map((r) => [r.prescriberName, r]));
    // Prescriber 2 is behind, prescriber 3 nearly perfect, and the audit lists the most behind first.
    expect(rows[0].prescriberName).toBe('Dr. Otto Pennywhistle');
    expect(byName.get('Dr. Otto Pennywhistle')!.critical).toBeGreaterThan(byName.get('Dr. Iris Quillfeather')!.critical);
    expect(byName.get('Rosa Inkwell')).toMatchObject({ overdue: 0, critical: 0 });
    expect(byName.get('Rosa Inkwell')!.last30.rate).toBeGreaterThan(0.9);

    const open = audit.reviews.filter((r) => r.band === 'overdue' || r.band === 'critically_overdue');
    expect(open.some((r) => r.band === 'overdue' && r.daysLate >= 1 && r.daysLate <= 6)).toBe(true);
    expect(open.some((r) => r.band === 'critically_overdue' && r.daysLate > 7)).toBe(true);

    const { clinicOnTime } = auditShape(audit);
    expect(clinicOnTime).not.toBeNull();
    expect(clinicOnTime).toBeGreaterThan(0);
    expect(clinicOnTime).toBeLessThan(1);
    // Completed late, not only left open.
    expect(audit.reviews.some((r) => r.status === 'completed' && r.onTime === false)).toBe(true);
  });

  it('puts reviews due today and due soon on the worklist', async () => {
    const director = { id: 0, role: 'medical_director' as const, displayName: 'Director' };
    const bands = (await worklist(ctx, director, { scope: 'everyone', includeUpcoming: false })).map((r) => r.band);
    expect(bands).toContain('due_today');
    expect(bands).toContain('due_soon');
  });

  it('writes nothing dated after the moment it was built, and its audit chain verifies', async () => {
    const latest = await handle.db.selectFrom('audit_log').select((eb) => eb.fn.max('at').as('at')).executeTakeFirstOrThrow();
    expect(latest.at! <= BUILT_AT).toBe(true);
    const verified = await verifyAuditChain(handle.db);
    expect(verified.ok).toBe(true);
  });

  it('keeps patient names out of the file in plaintext', async () => {
    await handle.close();
    const patients = DEMO_GIVEN_NAMES.flatMap((g) => DEMO_FAMILY_NAMES.map((f) => [`${f}, ${g}`, `${g} ${f}`])).flat();
    // Bare four-letter given names are left out: random ciphertext holds any given 4 bytes by
    // chance about once per 4 GiB, which over a few MB would make this test flaky.
    const needles = [...DEMO_FAMILY_NAMES, ...DEMO_GIVEN_NAMES.filter((n) => n.length > 4), ...patients, 'DEMO-10'];
    for (const f of [file, `${file}-wal`]) {
      if (!fs.existsSync(f)) continue;
      const bytes = fs.readFileSync(f);
      const hits = needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')));
      expect(hits).toEqual([]);
    }
  });
});

describe('the demo built on other days', () => {
  // The day after US clocks fall back, and 01:30 on the night they spring forward (before any of
  // the day's planned times, which are then clamped to the moment of building).
  it.each(['2026-11-02T15:00:00.000Z', '2026-03-08T06:30:00.000Z'])('builds at %s with the same picture', async (at) => {
    const other = await build(`at-${at.slice(0, 10)}`, at);
    // Everything is planned relative to the day of building, so the picture does not depend on it.
    expect(auditShape(await overdueAudit(other.ctx, {}))).toEqual(auditShape(audit));
    expect((await verifyAuditChain(other.handle.db)).ok).toBe(true);
    await other.handle.close();
  });
});
