import { afterEach, describe, expect, it } from 'vitest';
import { startMarFixture, type MarFixture } from '../support/mar';

/**
 * Printing a medication list (issue 8 item 12) is a disclosure on paper: main records who printed
 * which patient's list and which medications, and answers with what the paper carries (clinic,
 * who, when by main's clock, each printed order's whole taper calendar).
 */
let f: MarFixture;
afterEach(async () => f.t.cleanup());

const printAudit = () => f.db().selectFrom('audit_log').selectAll().where('action', '=', 'orders.print_list').execute();

describe('orders.printList', () => {
  it('records the print (who, which patient, which medications) and returns the clinic, the person, main’s time and the taper calendars', async () => {
    f = await startMarFixture();
    const gabapentin = await f.order(f.resident, 'Gabapentin', {
      amount: 400,
      frequency: 'bid',
      taperSteps: [
        { effectiveFrom: '2026-12-03T14:00:00.000Z', amount: 300 },
        { effectiveFrom: '2026-12-05T14:00:00.000Z', amount: 200 },
      ],
    });
    const thiamine = await f.order(f.resident, 'Thiamine', { amount: 100 });
    f.t.travel('2026-12-03T15:30:00.000Z');

    const sheet = await f.t.call('orders.printList', { patientId: f.resident, orderIds: [gabapentin, thiamine] });
    expect(sheet).toMatchObject({ clinicName: 'Test Clinic', printedBy: 'Test Nurse', printedAt: '2026-12-03T15:30:00.000Z' });
    expect(sheet.notice).toMatch(/42 CFR Part 2/);
    // Only the tapering order has a calendar: every step, the one in effect at the print marked.
    expect(sheet.tapers.map((t) => t.orderId)).toEqual([gabapentin]);
    expect(sheet.tapers[0].steps.map((s) => [s.amount, s.state, s.until, s.dailyTotal, s.frequencyWords])).toEqual([
      [400, 'past', '2026-12-03T14:00:00.000Z', 800, 'twice daily'],
      [300, 'current', '2026-12-05T14:00:00.000Z', 600, 'twice daily'],
      [200, 'planned', null, 400, 'twice daily'],
    ]);

    const [entry] = await printAudit();
    expect(entry).toMatchObject({
      actor_id: f.staff.nurse,
      entity_type: 'patient',
      entity_id: String(f.resident),
      at: '2026-12-03T15:30:00.000Z',
    });
    expect(JSON.parse(entry.after_json!)).toEqual({ orderIds: [gabapentin, thiamine] });
  });

  it("refuses, in words and recording nothing, a medication that is not on this patient's list, and an unknown patient", async () => {
    f = await startMarFixture();
    const own = await f.order(f.resident, 'Thiamine', { amount: 100 });
    const other = await f.order(f.home, 'Thiamine', { amount: 100 });
    const before = await f.count('audit_log');

    const wrong = await f.t.raw('orders.printList', { patientId: f.resident, orderIds: [own, other] });
    expect(wrong.error).toMatchObject({
      code: 'VALIDATION',
      message: "Some of those medications are not on this patient's list. Reload the list and print again.",
    });
    const missing = await f.t.raw('orders.printList', { patientId: f.resident, orderIds: [own, 99_999] });
    expect(missing.error?.code).toBe('VALIDATION');
    const nobody = await f.t.raw('orders.printList', { patientId: 99_999, orderIds: [] });
    expect(nobody.error).toMatchObject({ code: 'NOT_FOUND', message: 'That patient was not found.' });
    expect(await f.count('audit_log')).toBe(before);
  });

  it('an empty (filtered) list still prints, and is still recorded', async () => {
    f = await startMarFixture();
    const sheet = await f.t.call('orders.printList', { patientId: f.home, orderIds: [] });
    expect(sheet.tapers).toEqual([]);
    expect((await printAudit()).map((e) => JSON.parse(e.after_json!))).toEqual([{ orderIds: [] }]);
  });
});
