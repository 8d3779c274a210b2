/**
 * FOR TESTS ONLY: the child process of tests/reliability/crash-writes.test.ts. It opens the
 * clinic as the app does at launch (OS key store), logs in as a nurse and documents doses
 * through the dispatcher (the app's own path: contract, session, service, one transaction with
 * its audit entry) as fast as it can, printing `ACK <administration id> <slot>` after each call
 * has answered ok. The parent SIGKILLs it at random moments; an ACK is a write the app
 * acknowledged, so it must survive the kill.
 *
 *   MEDTRACK_CRASH_DIR=... MEDTRACK_CRASH_SECRET=<64 hex> MEDTRACK_CRASH_ORDERS=1,2,3 \
 *     node dist/tests/support/crashWriter.js
 *
 * Slot k documents order k mod n on day floor(k / n) after CRASH_FIRST_DOSE at 09:00 clinic
 * time (the daily dose time), given on time, so every slot is a new, allowed dose. The next
 * slot is the number of administrations already on file, so a write that committed but was
 * never acknowledged is not repeated.
 */
import { DateTime } from 'luxon';
import { ClinicApp } from '../../main/app/clinicApp';
import { AdjustableClock } from '../../main/clock';
import { createDispatcher } from '../../main/ipc/dispatch';
import { handlers } from '../../main/ipc/handlers';
import { setPasswordCostForTests } from '../../main/services/passwords';
import { MemoryKeyStore } from '../../main/keys/memoryKeyStore';

export const CRASH_FIRST_DOSE = '2026-01-02T09:00';
export const CRASH_ZONE = 'America/New_York';
/** Where the child's clock stands: after every slot it can reach (about 3 years of days x orders). */
export const CRASH_NOW = '2029-06-01T12:00:00.000Z';
export const CRASH_NURSE = { login: 'nurse', password: 'password-nurse' };

export function slotDose(slot: number, orderIds: readonly number[]): { orderId: number; at: string } {
  const day = Math.floor(slot / orderIds.length);
  const at = DateTime.fromISO(CRASH_FIRST_DOSE, { zone: CRASH_ZONE }).plus({ days: day }).toUTC().toISO()!;
  return { orderId: orderIds[slot % orderIds.length]!, at };
}

async function main(): Promise<void> {
  const dir = process.env.MEDTRACK_CRASH_DIR!;
  const secret = Buffer.from(process.env.MEDTRACK_CRASH_SECRET!, 'hex');
  const orderIds = process.env.MEDTRACK_CRASH_ORDERS!.split(',').map(Number);
  setPasswordCostForTests({ N: 2 ** 12, r: 8, p: 1 }); // the staff were created at this cost
  const clock = new AdjustableClock();
  clock.freeze(new Date(CRASH_NOW));
  const app = new ClinicApp({ dataDir: dir, keyStore: new MemoryKeyStore(secret), clock, log: () => undefined });
  await app.start();
  if (app.status().phase !== 'open') throw new Error(`the clinic did not open: ${JSON.stringify(app.status())}`);
  const dispatch = createDispatcher(app, handlers, () => undefined);
  const login = await dispatch('session.login', CRASH_NURSE);
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
  const db = app.serviceContext().db;
  let slot = Number((await db.selectFrom('administrations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  process.stdout.write(`READY ${slot}\n`);
  for (;;) {
    const { orderId, at } = slotDose(slot, orderIds);
    const r = await dispatch('administrations.record', { orderId, scheduledFor: at, administeredAt: at, outcome: 'given' });
    if (!r.ok) throw new Error(`slot ${slot} refused: ${r.error.code} ${r.error.message}`);
    const id = (r.value as { administration: { id: number } }).administration.id;
    process.stdout.write(`ACK ${id} ${slot}\n`);
    slot++;
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
