import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Role } from '../../db/schema';
import type { Clock } from '../clock';
import type { AnchorStore } from './auditAnchors';

/** What every use case needs: the database and the clinic's clock. */
export interface ServiceContext {
  db: Kysely<DB>;
  clock: Clock;
  /** Where a reader reports rows it could not classify (the application log); optional. */
  log?: (msg: string) => void;
  /** Where audit anchors are kept outside the database (backups and exports add one); optional. */
  anchors?: AnchorStore;
}

/** The logged-in person, taken from the main-process session, never from renderer input. */
export interface Actor {
  id: number;
  role: Role;
  displayName: string;
}

export type Trx = Transaction<DB>;

export const nowIso = (ctx: ServiceContext): string => ctx.clock.now().toISOString();

/** Per call: whether any of its transactions committed, so an error can say what is true. */
const commits = new AsyncLocalStorage<{ committed: boolean }>();

/** Runs fn, recording in `tracker` whether a transaction committed during it. */
export function runTrackingCommits<T>(tracker: { committed: boolean }, fn: () => Promise<T>): Promise<T> {
  return commits.run(tracker, fn);
}

/** Runs a write and its audit entries as one transaction: both land or neither does. */
export async function inTransaction<T>(ctx: ServiceContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction().execute(fn);
  const tracker = commits.getStore();
  if (tracker) tracker.committed = true;
  return result;
}
