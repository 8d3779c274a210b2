import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordFor, seedStaff, startTestApp, TEST_ADMIN, type TestApp } from '../support/app';

/**
 * A stored setting that cannot be read (damaged JSON, or a value its schema no longer accepts)
 * is reported, not silently replaced by the default: a review policy quietly reset would move
 * every review date without anyone knowing. The settings screen names it and can set it again.
 */
let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
  await seedStaff(t);
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
});
afterEach(async () => t.cleanup());

const damage = (key: string, valueJson: string) =>
  sql`INSERT INTO settings (key, value_json, updated_at) VALUES (${key}, ${valueJson}, '2026-11-30T00:00:00.000Z')
      ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`.execute(t.app.serviceContext().db);

/** The director's review counts, which classify by the overdue thresholds. */
async function reviewCounts() {
  await t.loginAs('director', passwordFor('director'));
  const r = await t.raw('followups.counts', {});
  await t.loginAs(TEST_ADMIN.login, TEST_ADMIN.password);
  return r;
}

describe('an unreadable stored setting', () => {
  it.each([
    ['not JSON', '{"graceHours": 2,'],
    ['no longer valid', JSON.stringify({ graceHours: -5, criticalAfterDays: 7, dueSoonDays: 3 })],
  ])('(%s) stops the readers that need it with a plain message, and the settings screen names it', async (_label, valueJson) => {
    await damage('reviews.overdue', valueJson);
    const counts = await reviewCounts();
    expect(counts.error).toEqual({
      code: 'CONFLICT',
      message:
        'The stored "Overdue thresholds" setting cannot be read, so this was not done. An administrator can set it again under Settings.',
    });
    const screen = await t.call('settings.get', {});
    expect(screen.unreadable).toEqual(['Overdue thresholds']);
    // Shown with its default so the form can be saved; every other value as stored.
    expect(screen['reviews.overdue']).toEqual({ graceHours: 0, criticalAfterDays: 7, dueSoonDays: 3 });
    expect(screen['clinic.name']).toBe('Test Clinic');
  });

  it('is mended by setting it again, audited with the unreadable text as the value before', async () => {
    await damage('reviews.overdue', 'garbage');
    await t.call('settings.update', { values: { 'reviews.overdue': { graceHours: 1, criticalAfterDays: 7, dueSoonDays: 3 } } });
    expect((await t.call('settings.get', {})).unreadable).toEqual([]);
    expect((await reviewCounts()).ok).toBe(true);
    const [entry] = await t.call('audit.list', { action: 'settings.update', entityId: 'reviews.overdue' });
    expect(entry.before).toEqual({ unreadable: 'garbage' });
  });

  it('a setting never stored reads as its default, with nothing reported', async () => {
    expect((await t.call('settings.get', {})).unreadable).toEqual([]);
    expect((await reviewCounts()).ok).toBe(true);
  });
});
