import { useState, type FormEvent } from 'react';
import { StartOrderInput } from '../../../../../main/ipc/contract/orders';
import { ApiError, call } from '../../../api';
import { FormActions } from '../../../components/FormActions';
import { FormError, LoadError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { CheckboxField } from '../../../components/fields';
import { ViewLink } from '../../../components/ViewLink';
import { useClinicZone } from '../../../context';
import { useAction, useApiQuery } from '../../../hooks';
import { useNavigation } from '../../../navigation';
import { parseAmount } from '../fields';
import { PatientBanner } from '../PatientBanner';
import { checkTaper } from '../taper/draft';
import { TaperBuilder } from '../taper/TaperBuilder';
import { localToInstant } from '../time';
import { MedicationSelect } from './MedicationSelect';
import { OrderFields } from './OrderFields';
import { emptyDraft, friendlierErrors, routeForForm, toStartInput, type OrderDraft } from './orderDraft';
import { SafetyWarnings, type Warning } from './SafetyWarnings';
import '../orders.css';

/**
 * Starting an order. The fields are checked first; then main's safety and dose-range checks
 * run; if they warn, the prescriber cancels or gives an override reason, and the order is saved
 * with it.
 */
export function StartOrderPage({ params }: { params: { patientId: number } }) {
  const zone = useClinicZone() ?? 'UTC';
  const patient = useApiQuery('patients.get', { id: params.patientId });
  const formulary = useApiQuery('formulary.list', {});
  const [draft, setDraft] = useState<OrderDraft>(() => emptyDraft(zone));
  // null: not checked yet for this medication; [] checked and clear.
  const [warnings, setWarnings] = useState<Warning[] | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const [localError, setLocalError] = useState<{ path: string; message: string } | null>(null);
  const submit = useAction();
  const { navigate } = useNavigation();

  const medication = formulary.data?.find((m) => String(m.id) === draft.medicationId);
  const set =
    <K extends keyof OrderDraft>(key: K) =>
    (v: OrderDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: v }));
  const chooseMedication = (id: string) => {
    const m = formulary.data?.find((x) => String(x.id) === id);
    // Another drug means other warnings and other strengths: check again, plan again.
    setWarnings(null);
    setOverrideReason('');
    setDraft((d) => ({ ...d, medicationId: id, route: m ? routeForForm(m.form) : d.route, steps: [] }));
  };

  const baseAmount = parseAmount(draft.amount);
  const startAt = localToInstant(draft.startLocal, zone);
  const nowIso = new Date().toISOString();
  const taperCheck =
    medication && draft.withTaper
      ? checkTaper(baseAmount, draft.steps, {
          now: startAt && startAt > nowIso ? startAt : nowIso,
          strengths: medication.strengths,
          unit: medication.unit,
          zone,
          frequency: draft.frequency,
        })
      : { problems: [], general: null };
  const taperBlocked = draft.withTaper && (taperCheck.problems.length > 0 || taperCheck.general !== null);

  const errorAt = (path: string) => (localError?.path === path ? localError.message : submit.error?.field(path));
  const cancel = () => navigate('patientMedications', { patientId: params.patientId });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!medication) return setLocalError({ path: 'medicationId', message: 'Choose a medication.' });
    if (taperBlocked) return setLocalError({ path: 'taper', message: 'Fix the taper steps listed below, or untick "Plan a taper".' });
    // Fields first (issue 8 item 5): the contract's own schema, so a negative dose or a missing
    // indication is shown before any safety question. Main checks the same again.
    const shown = warnings ?? [];
    if (shown.length > 0 && overrideReason.trim() === '')
      return setLocalError({ path: 'overrideReason', message: 'Give an override reason, or cancel the order.' });
    const input = toStartInput(draft, params.patientId, medication, zone, shown.length > 0 ? overrideReason : null);
    const created = await submit.run(async () => {
      const parsed = StartOrderInput.safeParse(input);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        friendlierErrors(
          new ApiError({ code: 'VALIDATION', message: `Please check the form: ${fields[0]?.message ?? ''}`, fields }),
          draft,
        );
      }
      // Then main: its field rules, then the safety and dose-range checks, which answer with
      // warnings that need an override reason.
      return call('orders.start', input).catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'SAFETY_WARNING') setWarnings(err.warnings);
        return friendlierErrors(err, draft);
      });
    });
    if (created) navigate('order', { id: created.id });
  };

  const shownWarnings = warnings ?? [];
  // The warnings panel says it better than the error summary.
  const formError = submit.error?.code === 'SAFETY_WARNING' ? null : submit.error;

  return (
    <>
      <p className="breadcrumb">
        <ViewLink view="patientMedications" params={{ patientId: params.patientId }}>
          ← Medication list
        </ViewLink>
      </p>
      <PageHeading>Start an order</PageHeading>
      <LoadError error={patient.error ?? formulary.error} onRetry={patient.error ? patient.reload : formulary.reload} />
      {patient.data ? <PatientBanner patient={patient.data} /> : null}
      {formulary.data ? (
        <form onSubmit={onSubmit} noValidate className="form order-form">
          <FormError error={formError} />
          {localError?.path === 'taper' ? (
            <p role="alert" className="form-error">
              {localError.message}
            </p>
          ) : null}
          <MedicationSelect
            medications={formulary.data}
            value={draft.medicationId}
            onChange={chooseMedication}
            error={errorAt('medicationId')}
          />
          <OrderFields draft={draft} set={set} medication={medication} zone={zone} errorAt={errorAt} />
          {!draft.prn ? (
            <fieldset className="taper-fieldset">
              <legend>Taper plan</legend>
              <CheckboxField label="Plan a taper" checked={draft.withTaper} onChange={set('withTaper')} />
              {draft.withTaper && !medication ? (
                <p className="hint">Choose the medication first: the plan is rounded to its strengths.</p>
              ) : null}
              {draft.withTaper && medication ? (
                <TaperBuilder
                  medication={medication}
                  zone={zone}
                  baseAmount={baseAmount}
                  baseLocal={draft.startLocal}
                  history={
                    startAt && Number.isFinite(baseAmount)
                      ? [{ effectiveFrom: startAt, amount: baseAmount, frequency: draft.frequency }]
                      : []
                  }
                  frequency={draft.frequency}
                  endAt={draft.endLocal ? localToInstant(draft.endLocal, zone) : null}
                  steps={draft.steps}
                  onStepsChange={set('steps')}
                  check={taperCheck}
                />
              ) : null}
            </fieldset>
          ) : null}
          {shownWarnings.length > 0 ? (
            <SafetyWarnings
              warnings={shownWarnings}
              reason={overrideReason}
              onReason={setOverrideReason}
              reasonError={errorAt('overrideReason')}
              onCancel={cancel}
            />
          ) : null}
          <FormActions
            submitLabel={submit.pending ? 'Saving…' : shownWarnings.length > 0 ? 'Override and start order' : 'Start order'}
            pending={submit.pending}
            onCancel={cancel}
          />
        </form>
      ) : null}
      {!formulary.data && formulary.loading ? <p role="status">Loading the formulary…</p> : null}
    </>
  );
}
