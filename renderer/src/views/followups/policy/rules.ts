import { DEA_SCHEDULES, POLICY_EVENT_KINDS, SEDATING_CLASSES, type ReviewRule } from '../../../../../main/domain/followups';

export type PolicyEvent = (typeof POLICY_EVENT_KINDS)[number];

/** One rule as the table's inputs hold it: '' is "any" for a criterion. */
export interface RuleDraft {
  /** Stable React key; rules have no id of their own. */
  key: number;
  event: PolicyEvent;
  sedatingClass: '' | (typeof SEDATING_CLASSES)[number];
  drugClass: string;
  deaSchedule: '' | (typeof DEA_SCHEDULES)[number];
  withdrawalManagement: '' | 'yes' | 'no';
  noReview: boolean;
  days: string;
}

export const EVENT_LABELS: Record<PolicyEvent, string> = {
  order_start: 'Order started',
  dose_change: 'Dose change',
  taper_step: 'Taper step',
  resume: 'Resumed after a hold',
  routine: 'Routine (active order)',
  discharge: 'Discharge with active orders',
};

export const EVENT_OPTIONS = POLICY_EVENT_KINDS.map((e) => ({ value: e, label: EVENT_LABELS[e] }));
export const SEDATING_OPTIONS = [{ value: '' as const, label: 'Any' }, ...SEDATING_CLASSES.map((c) => ({ value: c, label: c.charAt(0).toUpperCase() + c.slice(1) }))];
export const DEA_OPTIONS = [{ value: '' as const, label: 'Any' }, ...DEA_SCHEDULES.map((s) => ({ value: s, label: `Schedule ${s}` }))];
export const WITHDRAWAL_OPTIONS = [
  { value: '' as const, label: 'Any' },
  { value: 'yes' as const, label: 'Yes' },
  { value: 'no' as const, label: 'No' },
];

let nextKey = 1;

export function toDraft(rule: ReviewRule): RuleDraft {
  return {
    key: nextKey++,
    event: rule.event,
    sedatingClass: rule.sedatingClass ?? '',
    drugClass: rule.drugClass ?? '',
    deaSchedule: rule.deaSchedule ?? '',
    withdrawalManagement: rule.withdrawalManagement === undefined ? '' : rule.withdrawalManagement ? 'yes' : 'no',
    noReview: rule.days === null,
    days: rule.days === null ? '' : String(rule.days),
  };
}

export const emptyRule = (): RuleDraft => ({ key: nextKey++, event: 'routine', sedatingClass: '', drugClass: '', deaSchedule: '', withdrawalManagement: '', noReview: false, days: '' });

/**
 * The setting's JSON. Criteria left at "any" are omitted, not sent empty: main's schema is
 * strict, and an empty criterion is not the same as no criterion. Days go as typed (a number
 * when it is one) so main's own message explains anything else.
 */
export function toRule(d: RuleDraft): Record<string, unknown> {
  const rule: Record<string, unknown> = { event: d.event };
  if (d.sedatingClass) rule.sedatingClass = d.sedatingClass;
  if (d.drugClass.trim()) rule.drugClass = d.drugClass.trim();
  if (d.deaSchedule) rule.deaSchedule = d.deaSchedule;
  if (d.withdrawalManagement) rule.withdrawalManagement = d.withdrawalManagement === 'yes';
  const n = Number(d.days);
  rule.days = d.noReview ? null : d.days.trim() !== '' && Number.isFinite(n) ? n : d.days;
  return rule;
}

/** The rules in the policy's own shape, read back from settings.get (unknown until checked). */
export function rulesFrom(value: unknown): ReviewRule[] {
  const rules = (value as { rules?: unknown } | null)?.rules;
  return Array.isArray(rules) ? (rules as ReviewRule[]) : [];
}
