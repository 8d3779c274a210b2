import { afterEach, describe, expect, it } from 'vitest';
import { NINE, startMarFixture, type MarFixture } from '../support/mar';

/**
 * Logging a scheduled dose (issue 7 item 3) over a real encrypted file: what is recorded, and
 * each refusal, which must say why and write nothing.
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

/** Calls a channel and answers its error (the test fails if it succeeds). */
async function refusal(channel: string, input: unknown) {
  const r = await f.t.raw(channel, input);
  expect(r.ok, `${channel} should have been refused`).toBe(false);
  return r.error!;
}

/** Counts of the MAR and the audit log, to show a refusal wrote nothing. */
const snapshot = async () => ({
  administrations: await f.count('administrations'),
  audit: await f.count('audit_log'),
  reviews: await f.count('followups'),
});

describe('recording a scheduled dose', () => {
  it('records a given dose with the dose in effect, the order route and now, audited in the same write', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Gabapentin', { amount: 300 });
    f.t.travel('2026-12-01T14:10:00.000Z');
    const before = await f.count('audit_log');
    const { administration } = await f.t.call('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given' });
    expect(administration).toMatchObject({
      outcome: 'given',
      amount: 300,
      unit: 'mg',
      route: 'oral',
      administeredAt: '2026-12-01T14:10:00.000Z',
      late: false,
    });
    expect(administration.nurse).toMatchObject({ name: 'Test Nurse', initials: 'TN' });
    const audit = await f.db().selectFrom('audit_log').selectAll().where('id', '>', before).execute();
    expect(audit.map((a) => a.action)).toEqual(['administrations.record']);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ id: administration.id, amount: 300 });
  });

  it('refuses an amount other than the dose in effect, and says what the dose is', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Gabapentin', { amount: 300 });
    f.t.travel(NINE);
    const was = await snapshot();
    const e = await refusal('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given', amount: 400 });
    expect(e.message).toMatch(/dose in effect .* is 300 mg; you entered 400 mg/);
    expect(await snapshot()).toEqual(was);
  });

  it('refuses a dose time with no dose due, and a dose documented twice for the same time', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Gabapentin', { amount: 300 });
    f.t.travel(NINE);
    expect(
      (await refusal('administrations.record', { orderId, scheduledFor: '2026-12-01T15:00:00.000Z', outcome: 'given' })).message,
    ).toMatch(/No dose of Gabapentin is due at/);
    await f.t.call('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given' });
    const was = await snapshot();
    const e = await refusal('administrations.record', {
      orderId,
      scheduledFor: NINE,
      outcome: 'refused',
      reasonCode: 'patient_refused',
      reasonText: 'Said no',
    });
    expect(e.message).toMatch(/already documented \(given by Test Nurse .*mark that entry entered-in-error/);
    expect(await snapshot()).toEqual(was);
  });

  it('refuses doses on held, discontinued and not-yet-started orders, and for a discharged patient', async () => {
    f = await startMarFixture();
    const held = await f.order(f.resident, 'Gabapentin', { amount: 300 });
    const stopped = await f.order(f.resident, 'Thiamine', { amount: 100 });
    const later = await f.order(f.resident, 'Folic acid', { amount: 1, startAt: '2026-12-02T13:00:00.000Z' });
    await f.as('prescriber');
    await f.t.call('orders.hold', { orderId: held, reason: 'Oversedated' });
    await f.t.call('orders.discontinue', { orderId: stopped, reason: 'Course complete' });
    await f.as('nurse');
    f.t.travel(NINE);
    const was = await snapshot();
    expect((await refusal('administrations.record', { orderId: held, scheduledFor: NINE, outcome: 'given' })).message).toMatch(
      /on hold \(Oversedated\)\. Do not give it; ask the prescriber whether to resume it/,
    );
    expect((await refusal('administrations.record', { orderId: stopped, scheduledFor: NINE, outcome: 'given' })).message).toMatch(
      /was discontinued \(Course complete\)/,
    );
    expect((await refusal('administrations.record', { orderId: later, scheduledFor: NINE, outcome: 'given' })).message).toMatch(
      /starts Wed 2 Dec 08:00; it cannot be given before then/,
    );
    expect(await snapshot()).toEqual(was);

    const given = await f.order(f.home, 'Thiamine', { amount: 100 });
    await f.t.call('programDays.update', { patientId: f.home, weekdays: [1, 2, 3, 4, 5] });
    await f.t.call('patients.update', {
      id: f.home,
      patient: {
        mrn: 'MAR-2',
        familyName: 'Homebody',
        givenName: 'Testpat',
        dateOfBirth: '1980-05-05',
        admissionDate: '2026-11-20',
        dischargeDate: '2026-11-30',
        residence: 'home',
      },
      reason: 'Discharged yesterday',
    });
    expect((await refusal('administrations.record', { orderId: given, scheduledFor: NINE, outcome: 'given' })).message).toMatch(
      /was discharged on 30 Nov 2026./,
    );
  });

  it('needs a reason from the list and a few words for a dose not given', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Gabapentin', { amount: 300 });
    f.t.travel(NINE);
    const e = await refusal('administrations.record', { orderId, scheduledFor: NINE, outcome: 'refused' });
    expect(e.message).toMatch(/A refused dose needs a reason/);
    expect(
      (await refusal('administrations.record', { orderId, scheduledFor: NINE, outcome: 'held', reasonCode: 'sedated' })).message,
    ).toMatch(/needs a reason/);
    const { administration } = await f.t.call('administrations.record', {
      orderId,
      scheduledFor: NINE,
      outcome: 'held',
      reasonCode: 'sedated',
      reasonText: 'Drowsy, RASS -2',
    });
    expect(administration).toMatchObject({ outcome: 'held', amount: null, reasonWords: 'Too sedated to take it: Drowsy, RASS -2' });
  });

  it('flags a dose given outside the on-time window as late and wants a reason; the window edge is on time', async () => {
    f = await startMarFixture();
    const a = await f.order(f.resident, 'Gabapentin', { amount: 300 });
    const b = await f.order(f.resident, 'Thiamine', { amount: 100 });
    // Exactly 60 minutes after 09:00 is on time (default window 60 minutes).
    f.t.travel('2026-12-01T15:00:00.000Z');
    expect((await f.t.call('administrations.record', { orderId: a, scheduledFor: NINE, outcome: 'given' })).administration.late).toBe(
      false,
    );
    f.t.travel('2026-12-01T15:01:00.000Z');
    const e = await refusal('administrations.record', { orderId: b, scheduledFor: NINE, outcome: 'given' });
    expect(e.message).toMatch(/outside the 60-minute window around its Tue 1 Dec 09:00 time\. Give a reason/);
    const { administration } = await f.t.call('administrations.record', {
      orderId: b,
      scheduledFor: NINE,
      outcome: 'given',
      lateReason: 'Patient in group session',
    });
    expect(administration).toMatchObject({ late: true, lateReason: 'Patient in group session' });
  });

  it('refuses a dose the patient is allergic to, or records it with an override reason where the clinic allows it', async () => {
    f = await startMarFixture({ allergy: 'Gabapentin' });
    const orderId = await f.order(f.resident, 'Gabapentin', { amount: 300 });
    f.t.travel(NINE);
    const was = await snapshot();
    expect(
      (await refusal('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given', overrideReason: 'Tolerated before' }))
        .message,
    ).toMatch(/recorded allergy to "Gabapentin".*Do not give it/);
    expect(await snapshot()).toEqual(was);
    await f.as('admin');
    await f.t.call('settings.update', { values: { 'mar.allergyOverride': true } });
    await f.as('nurse');
    const e = await refusal('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given' });
    expect(e.code).toBe('SAFETY_WARNING');
    // The same override-reason rule as for orders: a reason must say something.
    expect(
      (await refusal('administrations.record', { orderId, scheduledFor: NINE, outcome: 'given', overrideReason: 'ok ok ok ok ok ok' }))
        .code,
    ).toBe('VALIDATION');
    const { administration } = await f.t.call('administrations.record', {
      orderId,
      scheduledFor: NINE,
      outcome: 'given',
      overrideReason: 'Prescriber confirmed: rash only, benefit outweighs',
    });
    expect(administration.overrideReason).toBe('Prescriber confirmed: rash only, benefit outweighs');
    const actions = (await f.db().selectFrom('audit_log').select('action').where('entity_type', '=', 'administration').execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['administrations.record', 'administrations.allergy_override']);
  });
});

describe('who may log doses', () => {
  it('refuses prescribers and directors in main for every nurse write channel', async () => {
    f = await startMarFixture();
    const orderId = await f.order(f.resident, 'Gabapentin', { amount: 300 });
    f.t.travel(NINE);
    const calls: [string, unknown][] = [
      ['administrations.record', { orderId, scheduledFor: NINE, outcome: 'given' }],
      ['administrations.markEnteredInError', { id: 1, reason: 'x' }],
      ['scores.record', { patientId: f.resident, scale: 'COWS', items: {} }],
      ['doses.today', {}],
      ['doses.endOfShift', {}],
    ];
    for (const login of ['prescriber', 'director']) {
      await f.as(login);
      for (const [channel, input] of calls) expect((await refusal(channel, input)).code, `${login} ${channel}`).toBe('FORBIDDEN');
    }
    expect(await f.count('administrations')).toBe(0);
  });
});
