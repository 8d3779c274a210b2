import type { ClinicApp } from '../../app/clinicApp';
import { AppError } from '../../services/errors';
import { actorOf, authenticate, recordLogout } from '../../services/users';
import type { SessionState } from '../contract/session';
import type { HandlerMap } from './types';

async function state(app: ClinicApp): Promise<SessionState> {
  if (app.session.expireIfIdle()) await app.recordIdleLock();
  const u = app.session.current;
  return {
    user: u ? { id: u.id, login: u.login, displayName: u.displayName, role: u.role } : null,
    locked: app.session.locked,
    idleMinutes: app.idleLimitMinutes,
  };
}

export const sessionHandlers: HandlerMap<'session.current' | 'session.login' | 'session.logout' | 'session.lock'> = {
  'session.current': async (_input, { app }) => state(app),
  'session.login': async (input, { app }) => {
    if (!app.isOpen()) throw new AppError('WRONG_STATE', 'Unlock or set up the clinic file first.');
    const current = app.session.current;
    const user = await authenticate(app.serviceContext(), input.login, input.password);
    if (current && app.session.locked && current.id !== user.id) {
      // Someone else is taking over a locked workstation: the previous session ends here.
      await recordLogout(app.serviceContext(), actorOf(current), 'logout');
    }
    app.session.start(user);
    return state(app);
  },
  'session.logout': async (_input, { app }) => {
    const u = app.session.current;
    if (u && app.isOpen()) await recordLogout(app.serviceContext(), actorOf(u), 'logout');
    app.session.end();
    return { ok: true as const };
  },
  'session.lock': async (_input, { app }) => {
    app.session.lock();
    return state(app);
  },
};
