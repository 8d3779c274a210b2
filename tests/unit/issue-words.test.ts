import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { BirthDate, CareInstant, IsoDate } from '../../main/ipc/contract/common';
import { issueSentence, pathInWords } from '../../main/ipc/contract/issueWords';

/** zod's own messages never reach a screen: every kind of issue reads as words (issue 8 item 9). */
const messages = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('zod issues in words', () => {
  const form = z
    .object({
      name: z.string().min(1),
      reason: z.string().min(15).max(20),
      doses: z.number().int().min(1).max(6),
      interval: z.number().positive(),
      role: z.enum(['prescriber', 'medical_director']),
      confirmed: z.literal(true),
      days: z.array(z.string()).min(1),
      step: z.number().multipleOf(5),
    })
    .strict();

  it('says what to do for each kind of issue', () => {
    expect(messages(form, { name: '', reason: 'short', doses: 1.5, interval: 0, role: 'nurse', confirmed: false, days: [], step: 7, extra: 1 })).toEqual([
      'Enter this.',
      'Enter at least 15 characters.',
      'Enter a whole number.',
      'Enter more than 0.',
      'Choose one of: prescriber, medical director.',
      'This needs to be confirmed.',
      'Choose at least one.',
      'Enter a multiple of 5.',
      'The form sent something this screen does not have; reload the screen and try again.',
    ]);
    expect(messages(form, { name: 5, reason: 'x'.repeat(21), doses: 7, interval: 'soon', days: 'Mon', step: 5, role: 'prescriber', confirmed: true })).toEqual([
      'Enter this as text.',
      'Use at most 20 characters.',
      'Enter 6 or less.',
      'Enter a number.',
      'Give a list here.',
    ]);
    expect(messages(form, {})).toContain('This is required.');
  });

  it('keeps a schema’s own words', () => {
    expect(messages(z.string().min(1, 'Enter a reason for the change.'), '')).toEqual(['Enter a reason for the change.']);
  });

  it('names the field in words in the summary', () => {
    expect(pathInWords(['values', 'reviews.policy', 'rules', 2, 'days'])).toBe('Values, Reviews policy, Rules, item 3, Days');
    expect(pathInWords(['displayName'])).toBe('Display name');
    messages(z.object({ dueDate: z.string() }), { dueDate: 3 });
    expect(issueSentence(['dueDate'], 'Enter this as text.')).toBe('Due date: enter this as text.');
    // A schema's own words already name the field.
    expect(issueSentence(['mrn'], 'MRN already in use.')).toBe('MRN already in use.');
    expect(issueSentence([], 'Enter this.')).toBe('Enter this.');
  });
});

describe("the contract's date messages", () => {
  // Issue 8 item 9: a date or time that is not one at all was answered "Use the form YYYY-MM-DD."
  // and "Use an ISO date-time with a time zone offset.": developer words, now a clinician's.
  it.each([
    [IsoDate, '12/01/2026'],
    [BirthDate, 'yesterday'],
    [IsoDate, '2026-1-5'],
  ])('says a wrongly typed date in the app’s own date form (%#)', (schema, input) => {
    expect(messages(schema, input)).toEqual(['That is not a date. Enter the day, month and year, for example 1 Dec 2026.']);
  });

  it.each(['2026-12-01 08:00', '2026-12-01T08:00', '+275760-09-13T00:00:00Z', 'soon'])('says a wrongly typed date and time in words (%s)', (input) => {
    const said = messages(CareInstant, input);
    expect(said).toEqual(['That is not a date and time. Enter the day, month, year and time, for example 1 Dec 2026, 08:00.']);
    expect(said.join(' ')).not.toMatch(/ISO|YYYY|offset/);
  });
});

