import type { Clock } from '../clock';
import type { PublicUser } from '../services/users';

/**
 * The one logged-in person of this app instance (one window, one workstation). Lives only in
 * the main process: handlers take the actor from here, never from what the renderer sends.
 * Idle for longer than the clinic's limit, the session locks (HIPAA §164.312(a)(2)(iii),
 * automatic logoff) and only the same user's password reopens it.
 */
export class Session {
  private user: PublicUser | null = null;
  private lastActivity = 0;
  private lockedFlag = false;

  constructor(
    private readonly clock: Clock,
    private idleMinutes: () => number,
  ) {}

  start(user: PublicUser): void {
    this.user = user;
    this.lockedFlag = false;
    this.lastActivity = this.clock.now().getTime();
  }

  /**
   * The same person as re-read from the database on this call (issue 8 item 14): a role or name
   * an administrator changed applies at once, without a new login.
   */
  refresh(user: PublicUser): void {
    if (this.user && this.user.id === user.id) this.user = user;
  }

  end(): void {
    this.user = null;
    this.lockedFlag = false;
  }

  lock(): void {
    if (this.user) this.lockedFlag = true;
  }

  /** Checks the idle limit; returns true if this call is what locked it. */
  expireIfIdle(): boolean {
    if (!this.user || this.lockedFlag) return false;
    const idleMs = this.clock.now().getTime() - this.lastActivity;
    if (idleMs > this.idleMinutes() * 60_000) {
      this.lockedFlag = true;
      return true;
    }
    return false;
  }

  touch(): void {
    if (this.user && !this.lockedFlag) this.lastActivity = this.clock.now().getTime();
  }

  get current(): PublicUser | null {
    return this.user;
  }

  get locked(): boolean {
    return this.lockedFlag;
  }
}
