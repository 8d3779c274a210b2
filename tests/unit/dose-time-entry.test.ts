import { describe, expect, it } from 'vitest';
import { DEFAULT_DOSE_TIMES, doseTimeProblems } from '../../main/domain/frequency';

/**
 * Dose times entered on the settings screen (issue 7 item 1): each problem names its frequency
 * (the screen shows it at that field) in a clinician's words, and a new entry lists the times
 * earliest first. Stored values from before that rule stay readable (ordered: false).
 */
const entry = (over: Record<string, string[]>) => doseTimeProblems({ ...DEFAULT_DOSE_TIMES, ...over }, { ordered: true });

describe('doseTimeProblems for a new entry', () => {
  it('accepts the defaults and times one minute apart in order', () => {
    expect(entry({})).toEqual([]);
    expect(entry({ bid: ['09:00', '09:01'] })).toEqual([]);
    expect(entry({ bid: ['00:00', '23:59'] })).toEqual([]);
  });

  it('wants the times earliest first, saying the order it means', () => {
    expect(entry({ bid: ['21:00', '09:00'] })).toEqual([{ frequency: 'bid', message: 'Twice daily: list the times earliest first, as the day runs (09:00, 21:00).' }]);
    expect(entry({ bid: ['09:01', '09:00'] })).toHaveLength(1);
    // Every 8 hours wrapping past midnight is listed from the earliest clock time.
    expect(entry({ q8h: ['22:00', '06:00', '14:00'] })[0]?.message).toBe('Every 8 hours: list the times earliest first, as the day runs (06:00, 14:00, 22:00).');
    // A value stored before this rule is still readable.
    expect(doseTimeProblems({ ...DEFAULT_DOSE_TIMES, q8h: ['22:00', '06:00', '14:00'] })).toEqual([]);
  });

  it('counts the times for the frequency', () => {
    expect(entry({ tid: ['08:00', '14:00'] })).toEqual([{ frequency: 'tid', message: 'Three times daily needs 3 dose times; 2 entered.' }]);
    expect(entry({ daily: [] })).toEqual([{ frequency: 'daily', message: 'Once daily needs 1 dose time; none entered.' }]);
    expect(entry({ qid: ['08:00', '12:00', '16:00', '20:00', '23:00'] })[0]?.message).toBe('Four times daily needs 4 dose times; 5 entered.');
  });

  it('refuses a time that is not a 24-hour HH:MM, at its edges', () => {
    expect(entry({ daily: ['23:59'] })).toEqual([]);
    expect(entry({ daily: ['24:00'] })[0]?.message).toBe('Once daily: "24:00" is not a 24-hour time such as 08:00 or 21:30.');
    expect(entry({ daily: ['9:00'] })).toHaveLength(1);
    expect(entry({ daily: ['09:60'] })).toHaveLength(1);
    expect(entry({ bid: ['9am', '9pm'] })[0]?.message).toBe('Twice daily: "9am", "9pm" are not a 24-hour time such as 08:00 or 21:30.');
  });

  it('refuses a time entered twice, and every-N-hours times not N hours apart', () => {
    expect(entry({ bid: ['09:00', '09:00'] })).toEqual([{ frequency: 'bid', message: 'Twice daily: 09:00 is entered twice; dose times must all differ.' }]);
    expect(entry({ q12h: ['09:00', '21:01'] })[0]?.message).toBe('Every 12 hours: dose times must be 12 hours apart around the clock.');
    expect(entry({ q12h: ['08:00', '20:00'] })).toEqual([]);
  });

  it('reports each frequency at most once, each by its own name', () => {
    const problems = entry({ bid: ['21:00'], tid: ['20:00', '14:00', '08:00'], prn: ['08:00'] });
    expect(problems.map((p) => p.frequency)).toEqual(['bid', 'tid', 'prn']);
    expect(problems[2].message).toBe('As needed has no set dose times; remove 08:00.');
  });
});
