import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_POLICY } from '../../main/domain/followups';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
});
afterEach(async () => t.cleanup());

describe('settings', () => {
  it('says which setting, which rule and which field is wrong, and changes nothing', async () => {
    const rules = [...DEFAULT_REVIEW_POLICY.rules];
    rules[2] = { ...rules[2], days: -4 };
    const r = await t.raw('settings.update', { values: { 'reviews.policy': { rules } } });
    expect(r.error?.code).toBe('VALIDATION');
    expect(r.error?.message).toMatch(/^Review policy: rule 3 \(days\): /);
    const idle = await t.raw('settings.update', { values: { 'session.idleMinutes': 0 } });
    expect(idle.error?.message).toMatch(/^Minutes before an idle session locks: /);
    const zone = await t.raw('settings.update', { values: { 'clinic.timeZone': 'Mars/Olympus' } });
    expect(zone.error?.message).toMatch(/Time zone: unknown time zone/);
    const now = await t.call('settings.get', {});
    expect(now['reviews.policy']).toEqual(DEFAULT_REVIEW_POLICY);
    expect(now['session.idleMinutes']).toBe(15);
    expect(now['clinic.timeZone']).toBe('America/New_York');
  });

  it('says every refusal in words: no zod defaults, no field codes (issue 8 item 9)', async () => {
    const developer = /Too small|Too big|expected|received|Invalid input|>=|<=|characters\)|\bvalues\./;
    const empty = await t.raw('settings.update', { values: { 'clinic.name': '' } });
    expect(empty.error?.message).toBe('Clinic name: enter this.');
    const typed = await t.raw('settings.update', { values: { 'clinic.name': 5 } });
    expect(typed.error?.message).toBe('Clinic name: enter this as text.');
    const big = await t.raw('settings.update', { values: { 'session.idleMinutes': 999 } });
    expect(big.error?.message).toBe('Minutes before an idle session locks: enter 240 or less.');
    const whole = await t.raw('settings.update', { values: { 'session.idleMinutes': 2.5 } });
    expect(whole.error?.message).toBe('Minutes before an idle session locks: enter a whole number.');
    // A wrongly typed call to a channel (the contract, not the settings): the field is named in words.
    const user = await t.raw('users.create', { login: 'x1', displayName: 5, role: 'nurse', password: 'a-long-password-1' });
    expect(user.error?.message).toBe('Please check the form: Display name: enter this as text.');
    const role = await t.raw('users.create', { login: 'x1', displayName: 'X', role: 'boss', password: 'a-long-password-1' });
    expect(role.error?.message).toBe('Please check the form: Role: choose one of: prescriber, nurse, medical director, admin.');
    for (const r of [empty, typed, big, whole, user, role]) expect(r.error?.message).not.toMatch(developer);
  });

  it('saves a valid change, audited with before and after, and refuses unknown keys', async () => {
    await t.call('settings.update', { values: { 'reviews.overdue': { graceHours: 12, criticalAfterDays: 5, dueSoonDays: 2 } } });
    expect((await t.call('settings.get', {}))['reviews.overdue']).toEqual({ graceHours: 12, criticalAfterDays: 5, dueSoonDays: 2 });
    const audit = await t.call('audit.list', { action: 'settings.update', entityId: 'reviews.overdue' });
    expect(audit[0].before).toEqual({ graceHours: 0, criticalAfterDays: 7, dueSoonDays: 3 });
    expect((await t.raw('settings.update', { values: { 'clinic.colour': 'blue' } })).error?.message).toMatch(/There is no setting called "clinic.colour"/);
  });
});
