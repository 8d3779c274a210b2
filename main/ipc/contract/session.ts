import { z } from 'zod';
import { channel, Empty, Id, Ok, RequiredText, RoleSchema, ALL_ROLES } from './common';

export const SessionUser = z.object({ id: Id, login: z.string(), displayName: z.string(), role: RoleSchema });
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionState = z.object({
  user: SessionUser.nullable(),
  /** The session exists but timed out: the same user must re-enter their password. */
  locked: z.boolean(),
  idleMinutes: z.number().int(),
});
export type SessionState = z.infer<typeof SessionState>;

export const sessionContract = {
  'session.current': channel({
    summary: 'Who is logged in, and whether the session is locked for inactivity.',
    access: 'public',
    input: Empty,
    output: SessionState,
  }),
  'session.login': channel({
    summary: 'Log in with login and password.',
    access: 'public',
    input: z.object({ login: RequiredText('Login', 64), password: z.string().min(1, 'Password is required.').max(1000) }),
    output: SessionState,
  }),
  'session.logout': channel({
    summary: 'Log out.',
    access: 'public',
    input: Empty,
    output: Ok,
  }),
  'session.lock': channel({
    summary: 'Lock the screen now (leaving the workstation).',
    access: ALL_ROLES,
    input: Empty,
    output: SessionState,
  }),
};
