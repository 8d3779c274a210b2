import type { z } from 'zod';
import type { ChannelDef } from './common';
import { administrationsContract } from './administrations';
import { auditContract } from './audit';
import { backupsContract } from './backups';
import { followupsContract } from './followups';
import { formularyContract } from './formulary';
import { ordersContract } from './orders';
import { overdueReportContract } from './overdueReport';
import { clinicContract } from './clinic';
import { patientsContract } from './patients';
import { programDaysContract } from './programDays';
import { scoresContract } from './scores';
import { sessionContract } from './session';
import { settingsContract } from './settings';
import { usersContract } from './users';

/**
 * The whole API between renderer and main: channel name `domain.verb` -> zod input, zod output,
 * who may call it. Main enforces it; the preload and the renderer's client are derived from it.
 */
export const contract = {
  ...clinicContract,
  ...sessionContract,
  ...usersContract,
  ...patientsContract,
  ...formularyContract,
  ...ordersContract,
  ...followupsContract,
  ...overdueReportContract,
  ...auditContract,
  ...settingsContract,
  ...administrationsContract,
  ...scoresContract,
  ...programDaysContract,
  ...backupsContract,
} satisfies Record<string, ChannelDef>;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type InputOf<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends ChannelName> = z.output<Contract[C]['input']>;
export type OutputOf<C extends ChannelName> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as ChannelName[];
export * from './common';
