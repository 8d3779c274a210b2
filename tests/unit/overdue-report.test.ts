import { describe, expect, it } from 'vitest';
import { reportMoment, scopeInWords, scopeSentence } from '../../main/domain/overdueReport';

/**
 * The overdue-review report's own rules (issue 8 item 10): which moment a report "as of" a date
 * describes, the refusal of a date that has not come yet in the clinic's zone, and its filters
 * in words so a narrowed report never reads "across the team".
 */
const NY = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';

describe('reportMoment', () => {
  it('as of today (or no date) is now; as of a past date, the last millisecond of that day in the zone', () => {
    const now = new Date('2026-06-10T15:00:00.000Z');
    expect(reportMoment(undefined, now, NY)).toEqual({ ok: true, instant: now, date: '2026-06-10' });
    expect(reportMoment('2026-06-10', now, NY)).toEqual({ ok: true, instant: now, date: '2026-06-10' });
    // Midnight EDT ending 9 June is 04:00Z on 10 June.
    expect(reportMoment('2026-06-09', now, NY)).toMatchObject({ ok: true, date: '2026-06-09', instant: new Date('2026-06-10T03:59:59.999Z') });
  });

  it('refuses tomorrow in the clinic zone, naming both dates in words, and accepts today up to its last millisecond', () => {
    // 23:59:59.999 EDT on 10 June: still 10 June in New York, already 11 June in UTC.
    const lastMs = new Date('2026-06-11T03:59:59.999Z');
    expect(reportMoment('2026-06-10', lastMs, NY)).toMatchObject({ ok: true, date: '2026-06-10' });
    const refused = reportMoment('2026-06-11', lastMs, NY);
    expect(refused).toEqual({
      ok: false,
      today: '2026-06-10',
      message: 'The report cannot be as of 11 Jun 2026: that date has not come yet (today is 10 Jun 2026 in the clinic). Choose today or an earlier date.',
    });
    // One millisecond later it is 11 June in New York: allowed, and it is now.
    const midnight = new Date('2026-06-11T04:00:00.000Z');
    expect(reportMoment('2026-06-11', midnight, NY)).toEqual({ ok: true, instant: midnight, date: '2026-06-11' });
  });

  it('judges "today" in the clinic zone, ahead of UTC too (Kolkata, +05:30)', () => {
    // 19:00Z on 10 June is 00:30 on 11 June in Kolkata.
    const now = new Date('2026-06-10T19:00:00.000Z');
    expect(reportMoment('2026-06-11', now, KOLKATA)).toMatchObject({ ok: true, date: '2026-06-11' });
    expect(reportMoment('2026-06-12', now, KOLKATA)).toMatchObject({ ok: false, today: '2026-06-11' });
  });

  it('a past day across the autumn change ends at its own local midnight (25-hour day)', () => {
    const now = new Date('2026-11-05T12:00:00.000Z');
    // 1 Nov 2026 in New York runs 04:00Z to 05:00Z next day (fall back at 02:00 EDT).
    expect(reportMoment('2026-11-01', now, NY)).toMatchObject({ ok: true, instant: new Date('2026-11-02T04:59:59.999Z') });
  });
});

describe('the filters in words', () => {
  it('says "across the team" only when nothing narrows the report', () => {
    expect(scopeInWords({})).toEqual([]);
    expect(scopeSentence(scopeInWords({}))).toBe('across the team');
    // A chosen period adds a rate column; it does not narrow who or what is counted.
    const period = scopeInWords({ period: ['2026-05-01', '2026-05-31'] });
    expect(period).toEqual(['chosen period 1 May 2026 to 31 May 2026']);
    expect(scopeSentence(period)).toBe('across the team');
  });

  it('names each filter that narrows it, in the form\u2019s order', () => {
    const words = scopeInWords({ prescriberName: 'Dr. Ada Quill', patient: { name: 'Doe, Jan', mrn: 'M-7' }, drugClass: 'benzodiazepine' });
    expect(words).toEqual(['prescriber Dr. Ada Quill', 'patient Doe, Jan (MRN M-7)', 'drug class benzodiazepine']);
    expect(scopeSentence(words)).toBe('for prescriber Dr. Ada Quill; patient Doe, Jan (MRN M-7); drug class benzodiazepine');
    expect(scopeSentence(scopeInWords({ prescriberName: 'Dr. Ada Quill' }))).toBe('for prescriber Dr. Ada Quill');
  });
});
