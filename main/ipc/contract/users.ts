import { z } from 'zod';
import { channel, Id, NewLogin, RequiredText, RoleSchema, Text, ALL_ROLES } from './common';

export const PublicUser = z.object({
  id: Id,
  login: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  credentials: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** A nurse with the charge role (may correct colleagues' MAR entries where the setting allows). */
  chargeNurse: z.boolean().default(false),
});

export const usersContract = {
  'users.list': channel({
    summary: 'Staff accounts (everyone may list colleagues, e.g. to pick a witness or a prescriber).',
    access: ALL_ROLES,
    input: z.object({ role: RoleSchema.optional(), activeOnly: z.boolean().default(true) }),
    output: z.array(PublicUser),
  }),
  'users.create': channel({
    summary: 'Create a staff account.',
    access: ['admin'],
    input: z.object({
      login: NewLogin('Login'),
      displayName: RequiredText('Name', 200),
      role: RoleSchema,
      credentials: Text(100).nullable().default(null),
      password: z.string().min(10, 'The password must be at least 10 characters.').max(1000),
    }),
    output: PublicUser,
  }),
  'users.setActive': channel({
    summary: 'Deactivate or reactivate an account (accounts are never deleted).',
    access: ['admin'],
    input: z.object({ id: Id, active: z.boolean(), reason: RequiredText('Reason') }),
    output: PublicUser,
  }),
  'users.setChargeNurse': channel({
    summary: "Give or take a nurse's charge-nurse flag (audited).",
    access: ['admin'],
    input: z.object({ id: Id, chargeNurse: z.boolean(), reason: RequiredText('Reason') }),
    output: PublicUser,
  }),
  'users.resetPassword': channel({
    summary: "Set a new password for a colleague's account and clear any lockout.",
    access: ['admin'],
    input: z.object({ id: Id, password: z.string().min(10, 'The password must be at least 10 characters.').max(1000) }),
    output: PublicUser,
  }),
};
