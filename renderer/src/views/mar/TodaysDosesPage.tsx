import { useState } from 'react';
import type { WithdrawalScale } from '../../../../main/domain/scores';
import type { DueDoseView, PrnOrderView, TodayDoses } from '../../../../main/ipc/contract/administrations';
import { CheckboxField, SelectField, type Option } from '../../components/fields';
import { LoadError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';
import { PatientPicker } from '../../components/PatientPicker';
import { ViewLink } from '../../components/ViewLink';
import { useApiQuery } from '../../hooks';
import { amountWithUnit, routeLabel } from '../orders/labels';
import { DoseDialog, type RecordResult } from './DoseDialog';
import type { DoseTarget } from './doseDraft';
import { DueDoseHead, DueDoseRow } from './DueDoseRow';
import type { Outcome } from './labels';
import { PrnLimits } from './PrnLimits';
import { ScoreDialog, type ScoreResult } from './ScoreDialog';
import { dayAndTime } from './time';
import { useTicking } from './useTicking';
import './mar.css';

type PatientGroup = TodayDoses['patients'][number];
const TODAY_COLUMNS = { documented: true } as const;
type Dialog = { kind: 'dose'; target: DoseTarget; outcome: Outcome } | { kind: 'score'; scale: WithdrawalScale; patient: PatientGroup['patient'] };

type ResidenceFilter = '' | 'facility' | 'home';
const RESIDENCE_FILTERS: readonly Option<ResidenceFilter>[] = [
  { value: '', label: 'Everyone' },
  { value: 'facility', label: 'Lives at the facility' },
  { value: 'home', label: 'Lives at home' },
];

export const doseTarget = (d: DueDoseView, patientName: string): DoseTarget => ({
  orderId: d.orderId,
  scheduledFor: d.scheduledFor,
  medicationName: d.medication.name,
  controlled: d.medication.controlled,
  amount: d.amount,
  unit: d.unit,
  route: d.route,
  patientName,
  patientId: d.patientId,
  symptomTrigger: null,
  withdrawalManagement: d.medication.withdrawalManagement,
});

const prnTarget = (p: PrnOrderView, patientName: string): DoseTarget => ({
  orderId: p.orderId,
  scheduledFor: null,
  medicationName: p.medication.name,
  controlled: p.medication.controlled,
  amount: p.amount,
  unit: p.unit,
  route: p.route,
  patientName,
  patientId: p.patientId,
  symptomTrigger: p.symptomTrigger,
  withdrawalManagement: p.medication.withdrawalManagement,
});

/** What the last write did, in words, for the page's status line. */
export function recordedMessage(r: RecordResult): string {
  const a = r.administration;
  const what = a.outcome === 'given' ? `${a.medicationName} ${a.amount !== null && a.unit ? amountWithUnit(a.amount, a.unit) : ''} recorded as given` : `${a.medicationName} recorded as ${a.outcome}`;
  return `${what.replace(/\s+/g, ' ')}.${a.late ? ' Flagged late.' : ''}${r.alert ? ` A prescriber review is due today: ${r.alert.reason}` : ''}`;
}

/**
 * The nurse's home: every staff-given dose due this shift, by patient and dose time, with the
 * dose in effect (today's taper step), its status in words and colour, and the PRN orders with
 * when the next dose is allowed. One call answers the whole screen.
 */
export function TodaysDosesPage() {
  const [patientId, setPatientId] = useState('');
  const [residence, setResidence] = useState<ResidenceFilter>('');
  const [controlledOnly, setControlledOnly] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const doses = useApiQuery('doses.today', { patientId: patientId ? Number(patientId) : undefined, residence: residence || undefined, controlledOnly });
  useTicking(doses.reload);
  const data = doses.data;
  const zone = data?.timeZone ?? 'UTC';

  const done = (text: string) => {
    setDialog(null);
    setMessage(text);
    doses.reload();
  };

  return (
    <>
      <PageHeading>Today&apos;s doses</PageHeading>
      {data ? (
        <p className="sub">
          Shift {data.shift.label}. {data.counts.due} dose{data.counts.due === 1 ? '' : 's'} due, {data.counts.documented} documented
          {data.counts.late ? `, ${data.counts.late} late` : ''}. On time means within {data.onTimeWindowMinutes} minutes of the dose time.
        </p>
      ) : null}
      <div className="toolbar dose-filters" role="group" aria-label="Filter doses">
        {/* Search-as-you-type over every admitted patient: a dropdown of them all grows with the clinic. */}
        <PatientPicker label="Patient" value={patientId} onChange={(id) => setPatientId(id)} emptyLabel="All patients" />
        <SelectField label="Residence" value={residence} onChange={(v) => setResidence(v)} options={RESIDENCE_FILTERS} />
        <CheckboxField label="Controlled drugs only" checked={controlledOnly} onChange={setControlledOnly} />
        <ViewLink view="endOfShift" params={{}}>
          End-of-shift list
        </ViewLink>
      </div>
      <p role="status" className="saved">
        {message}
      </p>
      <LoadError error={doses.error} onRetry={doses.reload} />
      {!data && doses.loading ? <p role="status">Loading today&apos;s doses…</p> : null}
      {data && data.patients.length === 0 ? <p className="empty">No staff-given doses are due this shift{patientId || residence || controlledOnly ? ' for these filters' : ''}.</p> : null}
      {data?.patients.map((g) => (
        <PatientDoses
          key={g.patient.id}
          group={g}
          zone={zone}
          onDose={(target, outcome) => setDialog({ kind: 'dose', target, outcome })}
          onScore={(scale) => setDialog({ kind: 'score', scale, patient: g.patient })}
        />
      ))}
      {dialog?.kind === 'dose' && data ? (
        <DoseDialog target={dialog.target} outcome={dialog.outcome} nowIso={data.now} zone={zone} windowMinutes={data.onTimeWindowMinutes} onClose={() => setDialog(null)} onRecorded={(r) => done(recordedMessage(r))} />
      ) : null}
      {dialog?.kind === 'score' && data ? (
        <ScoreDialog scale={dialog.scale} patientId={dialog.patient.id} patientName={dialog.patient.name} nowIso={data.now} zone={zone} onClose={() => setDialog(null)} onRecorded={(r: ScoreResult) => done(`${r.score.scale} ${r.score.total} saved for ${dialog.patient.name}: ${r.score.bandLabel}.${r.alert ? ` A prescriber review is due today: ${r.alert.reason}` : ''}`)} />
      ) : null}
    </>
  );
}

function PatientDoses({ group, zone, onDose, onScore }: { group: PatientGroup; zone: string; onDose(t: DoseTarget, o: Outcome): void; onScore(s: WithdrawalScale): void }) {
  const p = group.patient;
  const headingId = `patient-doses-${p.id}`;
  return (
    <section className="patient-doses" aria-labelledby={headingId}>
      <h2>
        <span id={headingId}>
          <bdi>{p.name}</bdi>
        </span>
        <span className="sub">
          MRN {p.mrn} · {p.residence === 'facility' ? 'Lives at the facility' : 'Lives at home'}
        </span>
      </h2>
      <p className={p.allergies.length ? 'allergy-banner has-allergies-banner' : 'allergy-banner'}>
        <strong>Allergies: </strong>
        {p.allergies.length === 0 ? 'none recorded' : p.allergies.map((a) => `${a.substance}${a.reaction ? ` (${a.reaction})` : ''}`).join('; ')}
      </p>
      <div className="row-actions">
        <ViewLink view="mar" params={{ patientId: p.id }}>
          MAR for <bdi>{p.name}</bdi>
        </ViewLink>
        <button type="button" className="secondary small" onClick={() => onScore('CIWA-Ar')}>
          Record CIWA-Ar
        </button>
        <button type="button" className="secondary small" onClick={() => onScore('COWS')}>
          Record COWS
        </button>
      </div>
      {group.times.length > 0 ? (
        <table className="data-table dose-table">
          <caption>Scheduled doses</caption>
          <DueDoseHead timeLabel="Time" columns={TODAY_COLUMNS} />
          <tbody>
            {group.times.flatMap((t) =>
              t.doses.map((d, i) => (
                // A line starts each dose time's group of rows.
                <DueDoseRow
                  key={d.key}
                  dose={d}
                  zone={zone}
                  columns={TODAY_COLUMNS}
                  className={i === 0 ? 'time-group-start' : undefined}
                  actions={
                    d.documented ? null : (
                      <>
                        <button type="button" className="small" aria-label={`Give ${d.medication.name} ${t.localTime}`} onClick={() => onDose(doseTarget(d, p.name), 'given')}>
                          Give
                        </button>
                        <button type="button" className="secondary small" aria-label={`Not given: ${d.medication.name} ${t.localTime}`} onClick={() => onDose(doseTarget(d, p.name), 'refused')}>
                          Not given
                        </button>
                      </>
                    )
                  }
                />
              )),
            )}
          </tbody>
        </table>
      ) : (
        <p className="empty">No scheduled doses this shift.</p>
      )}
      {group.prn.length > 0 ? (
        <table className="data-table dose-table">
          <caption>As needed (PRN)</caption>
          <thead>
            <tr>
              <th scope="col">Medication</th>
              <th scope="col">Dose</th>
              <th scope="col">Limits and last 24 hours</th>
              <th scope="col">Next dose</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {group.prn.map((o) => (
              <tr key={o.orderId}>
                <td>
                  {o.medication.name}
                  {o.medication.controlled ? <span className="controlled-mark">Schedule {o.medication.deaSchedule}</span> : null}
                  <span className="sub">For {o.indication}</span>
                </td>
                <td>
                  {o.amount !== null ? amountWithUnit(o.amount, o.unit) : '—'}
                  <span className="sub">{routeLabel(o.route)}</span>
                </td>
                <td>
                  <PrnLimits prn={o} zone={zone} />
                </td>
                <td className="prn-next">
                  {o.allowedNow ? 'Can be given now' : o.nextAllowedAt ? `Next PRN dose allowed from ${dayAndTime(o.nextAllowedAt, zone)}` : 'Not allowed now'}
                  {!o.allowedNow && o.notAllowedReason ? <span className="sub">{o.notAllowedReason}</span> : null}
                </td>
                <td>
                  <button type="button" className="small" aria-label={`Give PRN ${o.medication.name}`} onClick={() => onDose(prnTarget(o, p.name), 'given')}>
                    Give PRN
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
