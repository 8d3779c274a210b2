import { z } from 'zod';
import { DateTime } from 'luxon';
import { dateOutOfRange, instantOutOfRange, type DateWindow } from '../../domain/clinicalRange';

import { ROLES, type Role as RoleName } from '../../domain/enums';
// zod's default messages in words, for every channel (issueWords.ts installs the map).
import './issueWords';

export { ROLES, type RoleName };
export const RoleSchema = z.enum(ROLES);

/** Who may call a channel: 'public' needs no login (unlock, setup, log in); otherwise roles. */
export type Access = 'public' | readonly RoleName[];

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** One line for the README / tooling: what the channel does. */
  summary: string;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>) => def;

export const ALL_ROLES = ROLES;
export const CLINICAL_STAFF = ['prescriber', 'nurse', 'medical_director'] as const;

export const Id = z.number().int().positive();
export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/**
 * "Now" while an input is validated: the app's clock (the dispatcher and the command line set it
 * around each parse), so date windows move with the clock, the tests' clock included. Parsing is
 * synchronous, so no other call can run while it is set.
 */
let validationNow: () => Date = () => new Date();
export function parseWithClock<T>(clock: { now(): Date }, parse: () => T): T {
  const previous = validationNow;
  validationNow = () => clock.now();
  try {
    return parse();
  } finally {
    validationNow = previous;
  }
}

/** The contract's words for a value that is not a date (or a date and time) at all. */
export const DATE_IN_WORDS = 'That is not a date. Enter the day, month and year, for example 1 Dec 2026.';
export const INSTANT_IN_WORDS = 'That is not a date and time. Enter the day, month, year and time, for example 1 Dec 2026, 08:00.';

const calendarDate = (window: DateWindow) =>
  z
    .string()
    .min(1, 'Enter a date.')
    // What reaches the screen if a caller sends something that is not a date (the date inputs
    // send the stored form, so a person sees this only through a wrongly typed call): words.
    .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_IN_WORDS)
    .superRefine((s, ctx) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return; // said above
      const problem = DateTime.fromISO(s, { zone: 'utc' }).isValid ? dateOutOfRange(s, window, validationNow()) : 'That date does not exist.';
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const instant = (window: DateWindow) =>
  z
    .string()
    .superRefine((s, ctx) => {
      // Four-digit years only: "+275760-09-13T00:00:00Z" parses, but no care happens there.
      const dt = /^\d{4}-\d{2}-\d{2}T/.test(s) && /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? DateTime.fromISO(s, { setZone: true }) : null;
      const problem = dt?.isValid ? instantOutOfRange(dt.toMillis(), window, validationNow()) : INSTANT_IN_WORDS;
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((s) => DateTime.fromISO(s, { setZone: true }).toUTC().toISO()!);

/** A calendar date "YYYY-MM-DD" that exists (no 2026-02-30), 1900 to 100 years ahead. */
export const IsoDate = calendarDate('record');
/** A date of birth: 1900 to today. */
export const BirthDate = calendarDate('birth');
/** When care happens (admission, discharge, a review's due date): 10 years back to 5 ahead. */
export const CareDate = calendarDate('care');

/** An instant with an explicit offset or Z; stored as UTC. 1900 to 100 years ahead. */
export const Instant = instant('record');
/** An order or dose time: 10 years back to 5 ahead. */
export const CareInstant = instant('care');

/**
 * Control characters other than tab and line breaks (NUL above all: SQLite's length() stops at
 * it, so "\0" passed validation and then failed a CHECK) have no place in anything typed.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Something a person can see: not only spaces, zero-width or other format characters. */
const VISIBLE = /[^\s\p{Cf}]/u;

export const Text = (max = 500) =>
  z
    .string()
    .trim()
    .max(max, `This text is too long (at most ${max} characters).`)
    .refine((s) => !CONTROL_CHARS.test(s), 'This text contains invisible control characters; retype it.');
export const RequiredText = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is too long (at most ${max} characters).`)
    .refine((s) => !CONTROL_CHARS.test(s), `${label} contains invisible control characters; retype it.`)
    .refine((s) => VISIBLE.test(s), `${label} is required.`);

/** A new login: what the database allows (2-64 characters), said in words before it is asked. */
export const NewLogin = (label = 'Login') =>
  RequiredText(label, 64)
    .min(2, `${label} needs at least 2 characters.`)
    .regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, dot, dash and underscore only.');

export interface ErrorBody {
  code: string;
  message: string;
  fields?: { path: string; message: string }[];
  warnings?: { code: string; message: string }[];
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
