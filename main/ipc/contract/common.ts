import { z } from 'zod';
import { DateTime } from 'luxon';

import { ROLES, type Role as RoleName } from '../../domain/enums';

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

/** A calendar date "YYYY-MM-DD" that exists (no 2026-02-30). */
export const IsoDate = z
  .string()
  .min(1, 'Enter a date.')
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD.')
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'That date does not exist.');

/** An instant with an explicit offset or Z; stored as UTC. */
export const Instant = z
  .string()
  .refine((s) => /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) && DateTime.fromISO(s, { setZone: true }).isValid, 'Use an ISO date-time with a time zone offset.')
  .transform((s) => DateTime.fromISO(s, { setZone: true }).toUTC().toISO()!);

export const Text = (max = 500) => z.string().trim().max(max);
export const RequiredText = (label: string, max = 500) =>
  z.string().trim().min(1, `${label} is required.`).max(max, `${label} is too long (at most ${max} characters).`);

export interface ErrorBody {
  code: string;
  message: string;
  fields?: { path: string; message: string }[];
  warnings?: { code: string; message: string }[];
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
