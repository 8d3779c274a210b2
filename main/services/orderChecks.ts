import type { DoseVersion as DoseRow, Medication as MedicationRow } from '../../db/schema';
import { assessDose, overrideReasonProblem, type DoseToCheck } from '../domain/doseRange';
import { isFrequency, type Frequency } from '../domain/frequency';
import { checkOrderSafety, type SafetyWarning } from '../domain/safety';
import { validateTaperSteps, type TaperStep } from '../domain/taper';
import { dailyDoses } from '../domain/taperDaily';
import { taperRateApplies, taperRateFindings, taperRuleFor } from '../domain/taperRate';
import { appendAudit } from './audit';
import type { Actor, ServiceContext, Trx } from './context';
import { AppError, validation } from './errors';
import { doseRangeOf, getMedication } from './formulary';
import { readSymptomTrigger, statusNow, type SymptomTrigger } from './orderViews';
import { getSetting } from './settings';

/**
 * The checks a prescribing write runs before it writes (split from orders.ts): the symptom
 * trigger, taper steps, dose ranges, the benzodiazepine taper speed, allergies and combinations,
 * and the one override-reason rule that lets a prescriber go ahead past a warning. Each calls its
 * rule in main/domain; nothing here writes except the override's own audit entry.
 */

/**
 * "CIWA-Ar >= 10", "COWS 8": the symptom trigger as a scale and the lowest qualifying score, so
 * main can check that a qualifying score was recorded before a symptom-triggered PRN. Free
 * text that names no scale and score is refused rather than stored as a trigger nobody checks.
 */
export function parseSymptomTrigger(text: string | null): SymptomTrigger | null {
  if (text === null || text.trim() === '') return null;
  const trigger = readSymptomTrigger(text);
  if (!trigger) {
    throw validation('Write the symptom trigger as a scale and a score, e.g. "CIWA-Ar >= 10" or "COWS >= 5".', [
      { path: 'symptomTrigger', message: 'A scale (CIWA-Ar or COWS) and a score.' },
    ]);
  }
  return trigger;
}

/** `frequency` is the dose's before the plan: a step without its own keeps it, and each step must lower the daily total. */
export function taperProblems(previousAmount: number, steps: TaperStep[], now: string, med: MedicationRow, zone: string, frequency: string): void {
  const problems = validateTaperSteps(previousAmount, steps, {
    now,
    strengths: JSON.parse(med.strengths) as number[],
    unit: med.unit,
    zone,
    frequency,
  });
  if (problems.length > 0) {
    throw validation(
      `Taper step ${problems[0].index + 1}: ${problems[0].message}`,
      problems.map((p) => ({ path: `steps.${p.index}`, message: p.message })),
    );
  }
}

export interface DoseUnderCheck {
  /** The form field the dose came from, for the field error ("amount", "steps.2.amount"). */
  path: string;
  /** "Step 2: " for a taper step; empty for the order's own dose. */
  label: string;
  dose: DoseToCheck;
}

/**
 * Dose ranges and makeable amounts for every dose being written (domain/doseRange.ts). What the
 * domain refuses is refused here with a field error; what needs an override is returned for the
 * caller to put with its other warnings (one override reason covers them all).
 */
export async function doseRangeWarnings(trx: Trx, med: MedicationRow, doses: DoseUnderCheck[]): Promise<{ code: string; message: string }[]> {
  const allowAboveMaximum = await getSetting(trx, 'prescribing.allowAboveMaximum');
  const medication = { name: med.name, unit: med.unit, strengths: JSON.parse(med.strengths) as number[], range: doseRangeOf(med) };
  const refused: { path: string; message: string }[] = [];
  const warnings: { code: string; message: string }[] = [];
  for (const d of doses) {
    const a = assessDose(d.dose, medication, { allowAboveMaximum });
    for (const f of a.refused) refused.push({ path: d.path, message: `${d.label}${f.message}` });
    for (const f of a.needsOverride) warnings.push({ code: f.code, message: `${d.label}${f.message}` });
  }
  if (refused.length) throw validation(`${refused.map((r) => r.message).join(' ')}`, refused);
  return warnings;
}

/**
 * One rule for every override reason (domain overrideReasonProblem): no warnings, no reason
 * needed; warnings and no reason: the prescriber is asked; a reason that says nothing: refused.
 */
export function overrideFor(warnings: { code: string; message: string }[], reason: string | null | undefined, what: string): string | null {
  if (warnings.length === 0) return null;
  const text = reason?.trim() ?? '';
  if (text === '') {
    throw new AppError(
      'SAFETY_WARNING',
      // Two orders of the same drug read alike: say each sentence once (the warnings keep every order).
      `Check before ${what}: ${[...new Set(warnings.map((w) => w.message))].join(' ')} Cancel, or give an override reason.`,
      { warnings },
    );
  }
  const problem = overrideReasonProblem(text);
  if (problem) throw validation(problem, [{ path: 'overrideReason', message: problem }]);
  return text;
}

/** A dose on record or proposed, as the taper-speed rule reads it. */
export interface TimedDose {
  effectiveFrom: string;
  amount: number;
  frequency: string;
}

/**
 * The benzodiazepine and barbiturate taper-speed rule (domain/taperRate.ts) over what is on
 * record and what is proposed, with the clinic's limit (or the medical director's for an
 * alcohol-withdrawal order, taperRuleFor): each finding needs the override reason.
 */
export async function taperRateWarnings(
  trx: Trx,
  med: MedicationRow,
  indication: string,
  zone: string,
  history: readonly TimedDose[],
  proposed: readonly TimedDose[],
  label?: (index: number) => string,
): Promise<{ code: string; message: string }[]> {
  if (!taperRateApplies({ drugClass: med.drug_class, sedatingClass: med.sedating_class })) return [];
  const rule = taperRuleFor(
    { indication, withdrawalManagementDrug: med.withdrawal_management === 1 },
    { maxPercent: await getSetting(trx, 'prescribing.taperMaxPercent'), perDays: await getSetting(trx, 'prescribing.taperPerDays') },
    { maxPercent: await getSetting(trx, 'prescribing.alcoholTaperMaxPercent'), perDays: await getSetting(trx, 'prescribing.alcoholTaperPerDays') },
  );
  // Doses with no daily total (as needed, a single dose) are not part of a taper.
  const daily = (d: TimedDose) => {
    const n = isFrequency(d.frequency) ? dailyDoses(d.frequency) : null;
    return n === null ? [] : [{ effectiveFrom: d.effectiveFrom, dailyTotal: d.amount * n }];
  };
  const points = proposed.map(daily);
  if (points.some((p) => p.length === 0)) return [];
  return taperRateFindings(history.flatMap(daily), points.flat(), rule, zone, med.unit, label).map((f) => ({ code: f.code, message: f.message }));
}

export const asTimed = (v: DoseRow): TimedDose => ({ effectiveFrom: v.effective_from, amount: v.amount, frequency: v.frequency });

export async function auditDoseOverride(
  trx: Trx,
  at: string,
  actor: Actor,
  orderId: number,
  warnings: { code: string; message: string }[],
  reason: string | null,
) {
  if (!warnings.length) return;
  await appendAudit(trx, {
    at,
    actorId: actor.id,
    action: 'orders.dose_override',
    entityType: 'order',
    entityId: orderId,
    after: { warnings },
    reason,
  });
}

export const stepChecks = (steps: TaperStep[], frequency: string, prnMax: number | null): DoseUnderCheck[] =>
  steps.map((s, i) => ({
    path: `steps.${i}.amount`,
    label: `Step ${i + 1}: `,
    dose: { amount: s.amount, frequency: s.frequency ?? (frequency as Frequency), prnMaxDoses24h: prnMax },
  }));

export async function safetyWarnings(
  db: ServiceContext['db'] | Trx,
  patientId: number,
  med: MedicationRow,
  now: Date,
): Promise<SafetyWarning[]> {
  const allergies = await db
    .selectFrom('allergies')
    .select('substance')
    .where('patient_id', '=', patientId)
    .where('status', '=', 'active')
    .execute();
  const others = await db
    .selectFrom('orders')
    .innerJoin('medications', 'medications.id', 'orders.medication_id')
    .select([
      'orders.id',
      'orders.status',
      'orders.end_at',
      'medications.name',
      'medications.ingredients',
      'medications.drug_class',
      'medications.sedating_class',
    ])
    .where('orders.patient_id', '=', patientId)
    .where('orders.status', 'in', ['active', 'held'])
    .execute();
  return checkOrderSafety(
    { name: med.name, ingredients: JSON.parse(med.ingredients) as string[], drugClass: med.drug_class, sedatingClass: med.sedating_class },
    allergies,
    others
      .filter((o) => statusNow(o, now) !== 'completed')
      .map((o) => ({
        id: o.id,
        status: o.status,
        medication: {
          name: o.name,
          ingredients: JSON.parse(o.ingredients) as string[],
          drugClass: o.drug_class,
          sedatingClass: o.sedating_class,
        },
      })),
  );
}

export async function checkSafety(ctx: ServiceContext, patientId: number, medicationId: number) {
  const med = await getMedication(ctx.db, medicationId);
  return (await safetyWarnings(ctx.db, patientId, med, ctx.clock.now())).map((w) => ({ code: w.code, message: w.message }));
}
