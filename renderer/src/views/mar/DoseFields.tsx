import { RadioGroup, SelectField, TextAreaField, TextField } from '../../components/fields';
import { DateTimeInput as DateTimeField } from '../../components/DateInput';
import type { ApiError } from '../../api';
import { AmountField } from '../orders/fields';
import { ROUTE_OPTIONS, amountWithUnit, unitLabel } from '../orders/labels';
import { asksScore, SITE_ROUTES, type DoseDraft, type DoseTarget } from './doseDraft';
import { ScorePicker } from './ScorePicker';
import { LATE_REASONS, NOT_GIVEN_REASON_OPTIONS, OUTCOME_OPTIONS } from './labels';

const LATE_OPTIONS = [{ value: '', label: 'Choose a reason' }, ...LATE_REASONS.map((r) => ({ value: r, label: r }))];

/**
 * The fields of one dose entry: what happened, then what was given (amount, route, site, time)
 * or why not (reason from the list plus details), why it is late when it is, the witness for a
 * controlled drug, and the allergy override where main asks for one.
 */
export function DoseFields({
  target,
  draft,
  set,
  error,
  localErrors,
  late,
  showOverride,
  scoreAt,
}: {
  target: DoseTarget;
  draft: DoseDraft;
  set<K extends keyof DoseDraft>(key: K, value: DoseDraft[K]): void;
  error: ApiError | null;
  localErrors: Record<string, string>;
  late: boolean;
  showOverride: boolean;
  /** When the dose is given (null while the time typed is not a time) and the clinic zone: for the score it answers. */
  scoreAt?: { atIso: string | null; zone: string };
}) {
  const errorAt = (path: string) => localErrors[path] ?? error?.field(path);
  const given = draft.outcome === 'given';
  return (
    <>
      <RadioGroup label="Outcome" value={draft.outcome} onChange={(v) => set('outcome', v)} options={OUTCOME_OPTIONS} error={errorAt('outcome')} required />
      {given ? (
        <>
          <AmountField
            label={`Amount (${unitLabel(target.unit)})`}
            value={draft.amount}
            onChange={(v) => set('amount', v)}
            unit={unitLabel(target.unit)}
            error={errorAt('amount')}
            hint={target.amount !== null ? `Dose in effect: ${amountWithUnit(target.amount, target.unit)}.` : undefined}
            required
          />
          <SelectField label="Route" value={draft.route} onChange={(v) => set('route', v)} options={ROUTE_OPTIONS} error={errorAt('route')} />
          {SITE_ROUTES.includes(draft.route) ? <TextField label="Site" value={draft.site} onChange={(v) => set('site', v)} error={errorAt('site')} hint="For example: left upper arm." /> : null}
        </>
      ) : (
        <>
          <SelectField label="Reason" value={draft.reasonCode} onChange={(v) => set('reasonCode', v)} options={NOT_GIVEN_REASON_OPTIONS} error={errorAt('reasonCode')} required />
          <TextAreaField label="Details" value={draft.reasonText} onChange={(v) => set('reasonText', v)} error={errorAt('reasonText')} required hint="What happened, in a few words." />
        </>
      )}
      <DateTimeField
        label={given ? 'Time given' : 'Time'}
        value={draft.timeLocal}
        onChange={(v) => {
          set('timeLocal', v);
          set('timeTouched', true);
        }}
        error={errorAt('administeredAt')}
        hint={draft.timeTouched ? undefined : 'Now, unless you change it.'}
        required
      />
      {given && scoreAt && asksScore(target) ? (
        <ScorePicker target={target} atIso={scoreAt.atIso} zone={scoreAt.zone} value={draft.scoreId} onChange={(v) => set('scoreId', v)} error={errorAt('scoreId')} />
      ) : null}
      {late || errorAt('lateReason') ? (
        <fieldset className="late-box">
          <legend>Outside the on-time window</legend>
          <p>This dose is documented outside the on-time window and will be flagged late. Say why.</p>
          <SelectField label="Why late" value={draft.lateChoice} onChange={(v) => set('lateChoice', v)} options={LATE_OPTIONS} error={errorAt('lateReason')} required />
          <TextField label="Late details" value={draft.lateText} onChange={(v) => set('lateText', v)} size="wide" />
        </fieldset>
      ) : null}
      {given && target.controlled ? (
        <fieldset className="witness-box">
          <legend>Witness (controlled drug)</legend>
          <p className="hint">A second nurse or prescriber confirms this dose with their own login and password. You stay logged in.</p>
          <TextField label="Witness login" value={draft.witnessLogin} onChange={(v) => set('witnessLogin', v)} error={errorAt('witness.login') ?? errorAt('witness')} required autoComplete="off" />
          <TextField label="Witness password" type="password" value={draft.witnessPassword} onChange={(v) => set('witnessPassword', v)} error={errorAt('witness.password')} required autoComplete="off" />
        </fieldset>
      ) : null}
      {showOverride ? <TextAreaField label="Override reason" value={draft.overrideReason} onChange={(v) => set('overrideReason', v)} error={errorAt('overrideReason')} required hint="Why this dose is given despite the recorded allergy. Kept with the entry and in the audit log." /> : null}
      <TextAreaField label="Note (optional)" value={draft.note} onChange={(v) => set('note', v)} error={errorAt('note')} />
    </>
  );
}
