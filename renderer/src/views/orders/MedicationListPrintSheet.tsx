import type { MedicationListPrint, OrderView } from '../../../../main/ipc/contract/orders';
import { formatInstant } from '../../format';
import { amountWithUnit } from './labels';

const STATE_WORDS = { past: 'Done', current: 'In effect when printed', planned: 'Planned' } as const;

/**
 * What only the paper carries (issue 8 item 12): who printed the list and when (main's record of
 * the print), each printed order's whole taper calendar, the reconciliation sign-off and the
 * confidentiality notice. Hidden on screen (print-only).
 */
export function MedicationListPrintSheet({
  sheet,
  orders,
  zone,
}: {
  sheet: MedicationListPrint;
  orders: OrderView[];
  zone: string | null;
}) {
  const byId = new Map(orders.map((o) => [o.id, o]));
  return (
    <div className="print-only medication-print">
      {sheet.tapers.length > 0 ? (
        <section aria-label="Taper calendars">
          <h2>Taper calendar</h2>
          {sheet.tapers.map((t) => {
            const o = byId.get(t.orderId);
            return (
              <table key={t.orderId} className="data-table taper-calendar">
                <caption>
                  {o ? o.medication.name : 'Medication'}
                  {o?.status === 'held' ? ' (held: planned steps are paused and move by the length of the hold)' : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">From</th>
                    <th scope="col">Until</th>
                    <th scope="col">Dose</th>
                    <th scope="col">Daily total</th>
                    <th scope="col">Step</th>
                  </tr>
                </thead>
                <tbody>
                  {t.steps.map((s) => (
                    <tr key={s.from} className={s.state === 'current' ? 'taper-current' : undefined}>
                      <td className="nowrap">{formatInstant(s.from, zone)}</td>
                      <td className="nowrap">{s.until ? formatInstant(s.until, zone) : 'Continues'}</td>
                      <td>
                        {amountWithUnit(s.amount, s.unit)} {s.frequencyWords}
                      </td>
                      <td>{s.dailyTotal === null ? '—' : amountWithUnit(s.dailyTotal, s.unit)}</td>
                      <td>{STATE_WORDS[s.state]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
        </section>
      ) : null}
      {/* Kept together, so the sign-off never lands alone on a page with the end of the notice. */}
      <div className="sign-off">
        <p className="reconciled-line">Reconciled by ______________________________ Date ______________</p>
        <p className="part2-notice">{sheet.notice}</p>
      </div>
    </div>
  );
}
