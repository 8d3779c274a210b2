import type { DateTime } from 'luxon';
import type { z } from 'zod';
import type { administrationsContract } from '../ipc/contract/administrations';
import type { RecordResult } from '../services/administrations';
import type { DemoContext } from './index';
import type { When } from './orders';

/**
 * What the demo's MAR scenarios share (mar.ts builds it): the clock's story in local days and
 * times, the orders by patient and drug, who is on shift, and logging a dose through the real
 * service with the shift's witness.
 */

/** How far back the MAR history goes. */
export const HISTORY_DAYS = 14;

export type DemoRecordInput = z.input<(typeof administrationsContract)['administrations.record']['input']>;

export interface MarDemoEnv {
  demo: DemoContext;
  /** A demo-local day and time ("n days ago, HH:mm"). */
  local(when: When): DateTime;
  /** Runs `run` at that local time in the timeline, if it is not after the moment of building. */
  at(when: When, run: () => Promise<void>): void;
  atInstant(t: Date, run: () => Promise<void>): void;
  /** The patient's newest order of that drug, or null before it starts. */
  orderOf(patient: number, med: string): Promise<number | null>;
  mustOrder(patient: number, med: string): Promise<number>;
  /** Whether a patient is at the program on a day: residents always, home patients on program days. */
  attends(patient: number, daysAgo: number): boolean;
  /** Who gives and who witnesses at that time. */
  staffAt(t: DateTime): { giver: string; witness: string };
  record(giver: string, input: DemoRecordInput, witness?: string | null): Promise<RecordResult>;
}

export function parseIn<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
  return schema.parse(input);
}
