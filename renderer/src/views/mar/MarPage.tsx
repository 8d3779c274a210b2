import { useState } from 'react';
import type { AdministrationView, MarView } from '../../../../main/ipc/contract/administrations';
import { call } from '../../api';
import { SelectField, type Option } from '../../components/fields';
import { FormError, LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { allergyState } from '../../components/PatientBanner';
import { PrintPage } from '../../components/PrintPage';
import { ViewLink } from '../../components/ViewLink';
import { useCan } from '../../context';
import { formatDate, formatInstant } from '../../format';
import { useAction, useApiQuery } from '../../hooks';
import { PatientBanner } from '../orders/PatientBanner';
import { patientName } from '../patients/labels';
import { CorrectionDialog } from './CorrectionDialog';
import type { DoseTarget } from './doseDraft';
import { MarCellView } from './MarCellView';
import { dayAndTime, dayLabel } from './time';
import './mar.css';
import { printRecorded, useAuditedPrint } from '../../print';

const DAY_OPTIONS = [3, 7, 14, 21, 28, 31].map((n) => ({ value: String(n), label: `${n} days` }));
type Paper = 'Letter' | 'A4';
const PAPER_OPTIONS: readonly Option<Paper>[] = [
  { value: 'Letter', label: 'Letter, landscape' },
  { value: 'A4', label: 'A4, landscape' },
];

type Row = MarView['rows'][number];

type Cell = Row['cells'][number];

/** The dose a correction replaces: the entry's own, or (for a dose not given) the one due in that cell. */
const targetFor = (row: Row, cell: Cell, entry: AdministrationView, patient: string, patientId: number): DoseTarget => ({
  orderId: row.orderId,
  scheduledFor: entry.scheduledFor,
  medicationName: row.medicationName,
  controlled: row.controlled,
  amount: entry.amount ?? cell.due?.amount ?? null,
  unit: entry.unit ?? cell.due?.unit ?? '',
  route: entry.route ?? row.route,
  patientName: patient,
  // The correct entry offers the same score choice as the dose dialog.
  patientId,
  symptomTrigger: row.symptomTrigger,
  withdrawalManagement: row.withdrawalManagement,
});

/**
 * A patient's medication administration record: days across, dose times down, each cell's
 * outcome, amount, initials, witness and late flag; PRN doses and withdrawal scores in their own
 * rows. Prints landscape on the paper chosen, every page with the patient's identification (a
 * header row of the table, which the browser repeats on each page), page numbers and the
 * 42 CFR Part 2 notice; main records each print in the audit log.
 */
export function MarPage({ params }: { params: { patientId: number } }) {
  const [days, setDays] = useState('7');
  const [paper, setPaper] = useState<Paper>('Letter');
  const [correcting, setCorrecting] = useState<{ entry: AdministrationView; row: Row; cell: Cell } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const patient = useApiQuery('patients.get', { id: params.patientId });
  const mar = useApiQuery('mar.forPatient', { patientId: params.patientId, days: Number(days) });
  const settings = useApiQuery('settings.get', {});
  const can = useCan();
  const printing = useAction();
  const m = mar.data;
  const p = patient.data;
  const zone = m?.timeZone ?? 'UTC';
  const onTimeWindow = settings.data?.['mar.onTimeWindowMinutes'];
  const legendText = m ? `Initials: ${m.legend.map((l) => `${l.initials} = ${l.name}`).join('; ')}` : '';

  const print = async () => {
    const ok = await printing.run(() => call('mar.print', { patientId: params.patientId, days: Number(days), paper }));
    if (ok) printRecorded();
  };
  // Ctrl+P prints through the same audited flow as the button.
  useAuditedPrint(m ? print : null);

  return (
    <div className="print-sheet mar-print">
      {/* The paper size the nurse chose; landscape either way. */}
      <PrintPage size={`${paper} landscape`} footer="Confidential: 42 CFR Part 2" />
      <p className="breadcrumb no-print">
        <ViewLink view="patient" params={{ id: params.patientId }}>
          ← Patient record
        </ViewLink>
      </p>
      {m ? (
        <div className="print-only print-header">
          <p>
            <strong>Medication administration record</strong> — {m.clinicName} — {dayLabel(m.dates[0])} to {dayLabel(m.dates[m.dates.length - 1])}
          </p>
          <p>Printed {formatInstant(m.generatedAt, zone)}</p>
        </div>
      ) : null}
      <div className="page-title-row">
        <PageHeading>{p ? `MAR: ${patientName(p)}` : 'MAR'}</PageHeading>
        <div className="row-actions no-print">
          <SelectField label="Days shown" value={days} onChange={setDays} options={DAY_OPTIONS} />
          <SelectField label="Paper" value={paper} onChange={(v) => setPaper(v)} options={PAPER_OPTIONS} />
          <button type="button" className="secondary" onClick={() => void print()} disabled={!m || printing.pending}>
            Print
          </button>
        </div>
      </div>
      <FormError error={printing.error} />
      <LoadError error={patient.error ?? mar.error} onRetry={patient.error ? patient.reload : mar.reload} />
      {p ? <PatientBanner patient={p} /> : null}
      <p role="status" className="saved">
        {message}
      </p>
      {!m && mar.loading ? <p role="status">Loading the MAR…</p> : null}
      {m ? (
        <>
          <div className="mar-scroll">
            <table className="mar-grid" aria-busy={mar.loading || undefined}>
              <caption>
                Medication administration record, {dayLabel(m.dates[0])} to {dayLabel(m.dates[m.dates.length - 1])}
              </caption>
              <thead>
                {p ? (
                  <tr className="mar-print-patient">
                    <th scope="colgroup" colSpan={m.dates.length + 1}>
                      <strong>
                        <bdi>{patientName(p)}</bdi>
                      </strong>{' '}
                      · MRN {p.mrn} · Born {formatDate(p.dateOfBirth)} · Allergies: {allergyState(p).text}
                    </th>
                  </tr>
                ) : null}
                <tr>
                  <th scope="col">Medication and time</th>
                  {m.dates.map((d) => (
                    <th scope="col" key={d}>
                      {dayLabel(d)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {m.rows.map((row) => (
                  <tr key={`${row.orderId}-${row.localTime ?? 'prn'}`}>
                    <th scope="row">
                      {row.medicationName} {row.prn ? 'PRN' : row.localTime}
                      <span className="sub">
                        {row.doseText}, {row.route}
                        {row.controlled ? ' · controlled' : ''}
                      </span>
                    </th>
                    {row.cells.map((cell) => (
                      <MarCellView key={cell.date} cell={cell} zone={zone} prn={row.prn} onCorrect={can('administrations.markEnteredInError') ? (entry) => setCorrecting({ entry, row, cell }) : undefined} />
                    ))}
                  </tr>
                ))}
                {m.scoreRows.map((s) => (
                  <tr key={s.scale}>
                    <th scope="row">{s.scale} scores</th>
                    {s.cells.map((c) => (
                      <td key={c.date}>
                        {c.scores.map((sc) => {
                          const text = `${sc.total} (${sc.bandLabel}) at ${dayAndTime(sc.scoredAt, zone).split(', ')[1]} ${sc.nurseInitials}`;
                          return (
                            <span key={sc.id} className={sc.enteredInError ? 'mar-entry voided' : 'mar-entry'}>
                              {sc.enteredInError ? <del>{text}</del> : text}
                            </span>
                          );
                        })}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot className="mar-print-foot">
                <tr>
                  <td colSpan={m.dates.length + 1}>
                    {m.legend.length > 0 ? <p className="sub">{legendText}</p> : null}
                    <p className="part2-notice">{m.notice}</p>
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          {m.rows.length === 0 ? <p className="empty">No staff-given medications in these days.</p> : null}
          {/* On paper these two are the grid's footer, on every page. */}
          {m.legend.length > 0 ? <p className="sub no-print">{legendText}</p> : null}
          <p className="part2-notice no-print" role="note" aria-label="Confidentiality notice">
            {m.notice}
          </p>
        </>
      ) : null}
      {correcting && m && p ? (
        <CorrectionDialog
          entry={correcting.entry}
          target={targetFor(correcting.row, correcting.cell, correcting.entry, patientName(p), params.patientId)}
          nowIso={m.generatedAt}
          zone={zone}
          windowMinutes={typeof onTimeWindow === 'number' ? onTimeWindow : 60}
          onClose={() => setCorrecting(null)}
          onDone={(r) => {
            setCorrecting(null);
            setMessage(`Entry marked entered in error${r.replacement ? '; the correct entry is recorded' : ''}.`);
            mar.reload();
          }}
        />
      ) : null}
    </div>
  );
}
