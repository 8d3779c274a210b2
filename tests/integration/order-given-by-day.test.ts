import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderDetail } from '../../main/services/orderViews';
import { writeSetting } from '../../main/services/settings';
import { openTempDb, type TempDb } from '../support/tempdb';

/**
 * The order screen's "doses given by day" groups each dose on the clinic-zone date it was
 * given. The fast path looks the zone offset up once per UTC day; these doses sit around New
 * York's fall-back night and local midnights, where a wrong offset moves a dose to the wrong
 * day.
 */
let h: TempDb;
const at = '2026-03-01T12:00:00.000Z';
beforeEach(async () => {
  h = await openTempDb();
});
afterEach(async () => h.cleanup());

const setZone = (zone: string) => h.db.transaction().execute((trx) => writeSetting(trx, at, null, 'clinic.timeZone', zone));

async function orderWithDoses(givenAt: Array<[string, number]>) {
  const db = h.db;
  const user = await db.insertInto('users').values({ login: 'rx', display_name: 'Dr. Day', role: 'prescriber', password_hash: 'x', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  const nurse = await db.insertInto('users').values({ login: 'rn', display_name: 'Nurse Day', role: 'nurse', password_hash: 'x', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  const patient = await db.insertInto('patients').values({ mrn: 'D-1', family_name: 'Dayfold', given_name: 'Test', date_of_birth: '1970-01-01', admission_date: '2026-09-01', level_of_care: '2.1', residence: 'home', created_at: at, created_by: user.id, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  const med = await db.insertInto('medications').values({ name: 'Testazepam', ingredients: '["testazepam"]', form: 'tablet', strengths: '[5]', unit: 'mg', drug_class: 'benzodiazepine', origin: 'clinic', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  const order = await db.insertInto('orders').values({ patient_id: patient.id, medication_id: med.id, prescriber_id: user.id, indication: 'test', route: 'oral', administered_by: 'staff', start_at: at, status: 'active', created_at: at, created_by: user.id }).returning('id').executeTakeFirstOrThrow();
  const dose = await db.insertInto('dose_versions').values({ order_id: order.id, kind: 'initial', amount: 5, unit: 'mg', frequency: 'qid', effective_from: at, reason: 'start', author_id: user.id, created_at: at }).returning('id').executeTakeFirstOrThrow();
  for (const [when, amount] of givenAt) {
    await db.insertInto('administrations').values({ order_id: order.id, dose_version_id: dose.id, administered_at: when, outcome: 'given', amount, unit: 'mg', nurse_id: nurse.id, recorded_at: when }).execute();
  }
  // A refused dose is not a dose given.
  await db.insertInto('administrations').values({ order_id: order.id, dose_version_id: dose.id, administered_at: '2026-11-01T12:00:00.000Z', outcome: 'refused', nurse_id: nurse.id, recorded_at: at }).execute();
  return order.id;
}

describe('orders.get: doses given by clinic-zone day', () => {
  it('puts each dose on its New York date across the fall-back night', async () => {
    await setZone('America/New_York');
    const id = await orderWithDoses([
      ['2026-10-31T03:59:59.000Z', 1], // 23:59:59 EDT on Oct 30
      ['2026-10-31T04:00:00.000Z', 2], // 00:00 EDT on Oct 31
      ['2026-11-01T05:30:00.000Z', 4], // 01:30 EDT on Nov 1 (first pass)
      ['2026-11-01T06:30:00.000Z', 8], // 01:30 EST on Nov 1 (second pass)
      ['2026-11-02T04:59:59.000Z', 16], // 23:59:59 EST on Nov 1
      ['2026-11-02T05:00:00.000Z', 32], // 00:00 EST on Nov 2
    ]);
    const detail = await orderDetail(h.db, id, new Date('2026-11-03T12:00:00.000Z'));
    expect(detail.givenByDay).toEqual([
      { date: '2026-10-30', amount: 1 },
      { date: '2026-10-31', amount: 2 },
      { date: '2026-11-01', amount: 28 },
      { date: '2026-11-02', amount: 32 },
    ]);
  });

  it('follows a change at local midnight within the UTC day (Santiago, 2026-04-05)', async () => {
    // At 03:00Z clocks go from 00:00 -03 back to 23:00 -04 on April 4: the offset at the start
    // of the UTC day is wrong for the rest of it.
    await setZone('America/Santiago');
    const id = await orderWithDoses([
      ['2026-04-05T02:30:00.000Z', 1], // 23:30 -03 on Apr 4
      ['2026-04-05T03:30:00.000Z', 2], // 23:30 -04 on Apr 4 (the hour again)
      ['2026-04-05T04:00:00.000Z', 4], // 00:00 -04 on Apr 5
    ]);
    const detail = await orderDetail(h.db, id, new Date('2026-11-03T12:00:00.000Z'));
    expect(detail.givenByDay).toEqual([
      { date: '2026-04-04', amount: 3 },
      { date: '2026-04-05', amount: 4 },
    ]);
  });

  it('uses the clinic zone, not UTC, on ordinary days (Kolkata, +05:30)', async () => {
    await setZone('Asia/Kolkata');
    const id = await orderWithDoses([
      ['2026-10-10T18:29:59.000Z', 1], // 23:59:59 on Oct 10
      ['2026-10-10T18:30:00.000Z', 2], // 00:00 on Oct 11
    ]);
    const detail = await orderDetail(h.db, id, new Date('2026-11-03T12:00:00.000Z'));
    expect(detail.givenByDay).toEqual([
      { date: '2026-10-10', amount: 1 },
      { date: '2026-10-11', amount: 2 },
    ]);
  });
});
