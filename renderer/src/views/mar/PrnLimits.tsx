import type { PrnOrderView } from '../../../../main/ipc/contract/administrations';
import { amountWithUnit, intervalInWords } from '../orders/labels';
import { dayAndTime } from './time';

/** A PRN order's limits and what the last 24 hours used of them, in words. */
export function PrnLimits({ prn, zone }: { prn: PrnOrderView; zone: string }) {
  const parts: string[] = [];
  if (prn.maxDoses24h !== null) parts.push(`${prn.dosesLast24h} of ${prn.maxDoses24h} doses`);
  if (prn.maxAmount24h !== null) parts.push(`${amountWithUnit(prn.amountLast24h, prn.unit)} of ${amountWithUnit(prn.maxAmount24h, prn.unit)} (all orders of this drug)`);
  return (
    <>
      {parts.length ? parts.join('; ') : 'No 24-hour limit'}
      {prn.minIntervalMinutes ? <span className="sub">At least {intervalInWords(prn.minIntervalMinutes)} apart</span> : null}
      {prn.symptomTrigger ? <span className="sub">Only with {prn.symptomTrigger.scale} of {prn.symptomTrigger.minScore} or more</span> : null}
      {prn.lastGivenAt ? <span className="sub">Last given {dayAndTime(prn.lastGivenAt, zone)}</span> : null}
    </>
  );
}
