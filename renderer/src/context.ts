import { createContext, useContext } from 'react';
import type { ClinicStatus } from '../../main/ipc/contract/clinic';
import type { SessionUser } from '../../main/ipc/contract/session';
import { contract, type ChannelName } from '../../main/ipc/contract';

export interface ClinicState {
  status: ClinicStatus;
  /** Re-reads clinic.status (after settings change the name or zone, or the file locked). */
  refresh(): Promise<void>;
  /** Adopt a status a write already returned (setup, unlock, demo). */
  setStatus(status: ClinicStatus): void;
}

export const ClinicContext = createContext<ClinicState | null>(null);

export function useClinic(): ClinicState {
  const value = useContext(ClinicContext);
  if (!value) throw new Error('useClinic outside ClinicContext');
  return value;
}

/** The clinic's IANA zone: every instant on screen is shown in it. */
export function useClinicZone(): string | null {
  return useClinic().status.timeZone;
}

export interface SessionApi {
  user: SessionUser;
  /** Lock now (leaving the workstation); the lock screen asks for the same password. */
  lock(): Promise<void>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionContext');
  return value;
}

/**
 * Whether the logged-in role may call a channel, read from the contract main enforces, so a
 * button is hidden exactly when main would refuse it.
 */
export function useCan(): (channel: ChannelName) => boolean {
  const { user } = useSession();
  return (channel) => {
    const access = contract[channel].access;
    return access === 'public' || (access as readonly string[]).includes(user.role);
  };
}
