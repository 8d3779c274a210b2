import type { HandlerMap } from './types';
import { administrationsHandlers } from './administrations';
import { auditHandlers } from './audit';
import { backupsHandlers } from './backups';
import { clinicHandlers } from './clinic';
import { followupsHandlers } from './followups';
import { formularyHandlers } from './formulary';
import { ordersHandlers } from './orders';
import { overdueReportHandlers } from './overdueReport';
import { patientsHandlers } from './patients';
import { sessionHandlers } from './session';
import { settingsHandlers } from './settings';
import { usersHandlers } from './users';

/** Every channel of the contract has exactly one handler: the type fails to compile otherwise. */
export const handlers: HandlerMap = {
  ...clinicHandlers,
  ...sessionHandlers,
  ...usersHandlers,
  ...patientsHandlers,
  ...formularyHandlers,
  ...ordersHandlers,
  ...followupsHandlers,
  ...overdueReportHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...administrationsHandlers,
  ...backupsHandlers,
};
