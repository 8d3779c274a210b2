import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DOSE_TIMES,
  FREQUENCIES,
  type Frequency,
  frequencyInWords,
  isFrequency,
  isScheduledFrequency,
  localInstant,
  parseInstant,
  scheduledDoseTimes,
  validateDoseTimes,
} from '../../main/domain/frequency';

const NY = 'America/New_York';

describe('frequency codes and words', () => {
  it('lists every code once', () => {
    expect([...FREQUENCIES].sort()).toEqual(
      ['once', 'daily', 'bid', 'tid', 'qid', 'q4h', 'q6h', 'q8h', 'q12h', 'at_bedtime', 'every_other_day', 'weekly', 'prn'].sort(),
    );
    expect(new Set(FREQUENCIES).size).toBe(FREQUENCIES.length);
  });

  // Not a copy of the implementation's table: each expectation comes from the code's own
  // meaning or from the dose times it schedules, so words that say the wrong thing fail.
  it('says a times-a-day frequency with the number of doses it schedules in a day', () => {
    const counted: Record<number, string> = { 1: 'once daily', 2: 'twice daily', 3: 'three times daily', 4: 'four times daily' };
    for (const code of ['daily', 'bid', 'tid', 'qid'] as const) expect(frequencyInWords(code), code).toBe(counted[DEFAULT_DOSE_TIMES[code].length]);
  });

  it('says an every-N-hours frequency with its N, and the N matches the default dose times', () => {
    for (const code of ['q4h', 'q6h', 'q8h', 'q12h'] as const) {
      const hours = Number(code.slice(1, -1));
      expect(frequencyInWords(code)).toBe(`every ${hours} hours`);
      expect(DEFAULT_DOSE_TIMES[code].length, code).toBe(24 / hours);
    }
  });

  it('says the remaining frequencies as a clinician would, and no two frequencies alike', () => {
    expect(frequencyInWords('once')).toBe('single dose');
    expect(frequencyInWords('at_bedtime')).toBe('at bedtime');
    expect(frequencyInWords('every_other_day')).toBe('every other day');
    expect(frequencyInWords('weekly')).toBe('once weekly');
    expect(frequencyInWords('prn')).toBe('as needed');
    expect(new Set(FREQUENCIES.map(frequencyInWords)).size).toBe(FREQUENCIES.length);
  });

  it('never uses Joint Commission or ISMP error-prone abbreviations', () => {
    const banned = /\b(q\.?d\.?|q\.?o\.?d\.?|qhs|h\.?s\.?|q1d|qn|tiw|biw|od|u|iu|bid|tid|qid|prn|q\d+h)\b/i;
    for (const code of FREQUENCIES) {
      const words = frequencyInWords(code);
      expect(words, code).not.toMatch(banned);
      expect(words).toBe(words.toLowerCase());
    }
  });

  it('rejects an unknown code', () => {
    expect(() => frequencyInWords('qd' as Frequency)).toThrow(/Unknown frequency "qd"/);
    expect(isFrequency('qd')).toBe(false);
    expect(isFrequency('bid')).toBe(true);
  });

  it('knows which frequencies are scheduled', () => {
    expect(isScheduledFrequency('prn')).toBe(false);
    expect(isScheduledFrequency('once')).toBe(false);
    expect(isScheduledFrequency('weekly')).toBe(true);
  });
});

describe('default dose times (issue 7 item 1)', () => {
  it('are the clinic-local times the issue gives for each times-a-day frequency', () => {
    expect(DEFAULT_DOSE_TIMES.daily).toEqual(['09:00']);
    expect(DEFAULT_DOSE_TIMES.bid).toEqual(['09:00', '21:00']);
    expect(DEFAULT_DOSE_TIMES.tid).toEqual(['08:00', '14:00', '20:00']);
    expect(DEFAULT_DOSE_TIMES.qid).toEqual(['08:00', '12:00', '16:00', '20:00']);
    expect(DEFAULT_DOSE_TIMES.at_bedtime).toEqual(['21:00']);
  });
});

describe('validateDoseTimes', () => {
  it('accepts the defaults', () => {
    expect(validateDoseTimes(DEFAULT_DOSE_TIMES)).toEqual([]);
  });

  it('reports a wrong count, a bad time, a repeat, uneven qNh spacing and times on PRN', () => {
    const problems = validateDoseTimes({
      ...DEFAULT_DOSE_TIMES,
      bid: ['09:00'],
      daily: ['9:00'],
      tid: ['09:00', '09:00', '21:00'],
      q6h: ['00:00', '06:00', '12:00', '19:00'],
      prn: ['08:00'],
      at_bedtime: ['24:00'],
    });
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/Twice daily needs 2 dose times; 1 entered/);
    expect(problems.join('\n')).toMatch(/Once daily: "9:00" is not a 24-hour/);
    expect(problems.join('\n')).toMatch(/Three times daily: 09:00 is entered twice; dose times must all differ/);
    expect(problems.join('\n')).toMatch(/Every 6 hours: dose times must be 6 hours apart/);
    expect(problems.join('\n')).toMatch(/As needed has no set dose times/);
    expect(problems.join('\n')).toMatch(/At bedtime: "24:00"/);
  });

  it('accepts qNh times that wrap past midnight', () => {
    expect(validateDoseTimes({ ...DEFAULT_DOSE_TIMES, q8h: ['22:00', '06:00', '14:00'] })).toEqual([]);
  });
});

describe('scheduledDoseTimes', () => {
  it('gives UTC instants for a winter and a summer day', () => {
    expect(scheduledDoseTimes('daily', '2026-01-15', NY, DEFAULT_DOSE_TIMES)).toEqual(['2026-01-15T14:00:00.000Z']);
    expect(scheduledDoseTimes('bid', '2026-07-01', NY, DEFAULT_DOSE_TIMES)).toEqual([
      '2026-07-01T13:00:00.000Z',
      '2026-07-02T01:00:00.000Z',
    ]);
    expect(scheduledDoseTimes('at_bedtime', '2026-07-01', 'UTC', DEFAULT_DOSE_TIMES)).toEqual(['2026-07-01T21:00:00.000Z']);
  });

  it('keeps clock times on the spring-forward day (2026-03-08, New York)', () => {
    expect(scheduledDoseTimes('q4h', '2026-03-08', NY, DEFAULT_DOSE_TIMES)).toEqual([
      '2026-03-08T05:00:00.000Z', // 00:00 EST
      '2026-03-08T08:00:00.000Z', // 04:00 EDT: three real hours later
      '2026-03-08T12:00:00.000Z',
      '2026-03-08T16:00:00.000Z',
      '2026-03-08T20:00:00.000Z',
      '2026-03-09T00:00:00.000Z',
    ]);
  });

  it('moves a time that does not exist forward by the gap, and merges it with a time it lands on', () => {
    const times = { ...DEFAULT_DOSE_TIMES, bid: ['02:30', '14:30'] };
    expect(scheduledDoseTimes('bid', '2026-03-08', NY, times)).toEqual(['2026-03-08T07:30:00.000Z', '2026-03-08T18:30:00.000Z']);
    // 02:30 does not exist; it becomes 03:30 EDT = 07:30Z.
    expect(parseInstant('2026-03-08T07:30:00.000Z').setZone(NY).toFormat('HH:mm')).toBe('03:30');
    const clash = { ...DEFAULT_DOSE_TIMES, bid: ['02:30', '03:30'] };
    expect(scheduledDoseTimes('bid', '2026-03-08', NY, clash)).toEqual(['2026-03-08T07:30:00.000Z']);
  });

  it('uses the first occurrence of a repeated time on the fall-back day (2026-11-01, New York)', () => {
    const times = { ...DEFAULT_DOSE_TIMES, daily: ['01:30'] };
    expect(scheduledDoseTimes('daily', '2026-11-01', NY, times)).toEqual(['2026-11-01T05:30:00.000Z']); // 01:30 EDT
    expect(scheduledDoseTimes('q6h', '2026-11-01', NY, DEFAULT_DOSE_TIMES)).toEqual([
      '2026-11-01T04:00:00.000Z', // 00:00 EDT
      '2026-11-01T11:00:00.000Z', // 06:00 EST: seven real hours later
      '2026-11-01T17:00:00.000Z',
      '2026-11-01T23:00:00.000Z',
    ]);
  });

  it('handles another zone\'s DST change (Europe/London, 2026-03-29)', () => {
    const times = { ...DEFAULT_DOSE_TIMES, daily: ['01:30'] };
    expect(scheduledDoseTimes('daily', '2026-03-29', 'Europe/London', times)).toEqual(['2026-03-29T01:30:00.000Z']); // 02:30 BST
  });

  it('gives no times for PRN or a single dose', () => {
    expect(scheduledDoseTimes('prn', '2026-03-08', NY, DEFAULT_DOSE_TIMES)).toEqual([]);
    expect(scheduledDoseTimes('once', '2026-03-08', NY, DEFAULT_DOSE_TIMES)).toEqual([]);
  });

  it('counts every-other-day doses from the anchor, across DST and before the anchor', () => {
    const on = (date: string) => scheduledDoseTimes('every_other_day', date, NY, DEFAULT_DOSE_TIMES, '2026-03-01');
    expect(on('2026-03-01')).toEqual(['2026-03-01T14:00:00.000Z']);
    expect(on('2026-03-02')).toEqual([]);
    expect(on('2026-03-03')).toEqual(['2026-03-03T14:00:00.000Z']);
    expect(on('2026-03-09')).toEqual(['2026-03-09T13:00:00.000Z']); // 09:00 EDT
    expect(on('2026-03-10')).toEqual([]);
    expect(on('2026-02-27')).toEqual(['2026-02-27T14:00:00.000Z']);
    expect(on('2026-02-28')).toEqual([]);
  });

  it('puts weekly doses on the anchor weekday, across fall-back', () => {
    const on = (date: string) => scheduledDoseTimes('weekly', date, NY, DEFAULT_DOSE_TIMES, '2026-10-25');
    expect(on('2026-10-25')).toEqual(['2026-10-25T13:00:00.000Z']);
    expect(on('2026-11-01')).toEqual(['2026-11-01T14:00:00.000Z']);
    expect(on('2026-11-08')).toEqual(['2026-11-08T14:00:00.000Z']);
    for (const d of ['2026-10-26', '2026-10-31', '2026-11-02', '2026-11-07']) expect(on(d)).toEqual([]);
  });

  it('rejects bad input with a clear message', () => {
    expect(() => scheduledDoseTimes('weekly', '2026-03-08', NY, DEFAULT_DOSE_TIMES)).toThrow(/start date/);
    expect(() => scheduledDoseTimes('daily', '2026-02-30', NY, DEFAULT_DOSE_TIMES)).toThrow(/not a calendar date/);
    expect(() => scheduledDoseTimes('daily', '2026-3-8', NY, DEFAULT_DOSE_TIMES)).toThrow(/not a calendar date/);
    expect(() => scheduledDoseTimes('daily', '2026-03-08', 'Mars/Olympus', DEFAULT_DOSE_TIMES)).toThrow(/IANA time zone/);
    expect(() => scheduledDoseTimes('daily', '2026-03-08', NY, {})).toThrow(/must list 1 time/);
    expect(() => scheduledDoseTimes('daily', '2026-03-08', NY, { daily: ['9am'] })).toThrow(/not a 24-hour/);
    expect(() => scheduledDoseTimes('qd' as Frequency, '2026-03-08', NY, DEFAULT_DOSE_TIMES)).toThrow(/Unknown frequency/);
    expect(() => scheduledDoseTimes('every_other_day', '2026-03-08', NY, DEFAULT_DOSE_TIMES, '03/01/2026')).toThrow(/Anchor date/);
  });
});

describe('time helpers', () => {
  it('requires an offset on an instant', () => {
    expect(() => parseInstant('2026-03-08T14:00:00')).toThrow(/with an offset/);
    expect(() => parseInstant('yesterday')).toThrow(/with an offset/);
    expect(parseInstant('2026-03-08T09:00:00-05:00').toMillis()).toBe(Date.parse('2026-03-08T14:00:00Z'));
    expect(parseInstant('2026-03-08T14:00:00.000Z').toMillis()).toBe(Date.parse('2026-03-08T14:00:00Z'));
  });

  it('resolves local wall times as documented', () => {
    const gap = localInstant(NY, { year: 2026, month: 3, day: 8, hour: 2, minute: 30 });
    expect(gap.toUTC().toISO()).toBe('2026-03-08T07:30:00.000Z');
    const overlap = localInstant(NY, { year: 2026, month: 11, day: 1, hour: 1, minute: 30 });
    expect(overlap.toUTC().toISO()).toBe('2026-11-01T05:30:00.000Z');
  });
});
