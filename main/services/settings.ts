import { z } from 'zod';
import { IANAZone } from 'luxon';
import type { Kysely } from 'kysely';
import { DEFAULT_REVIEW_POLICY, ReviewPolicySchema } from '../domain/followups';
import { DEFAULT_OVERDUE_SETTINGS, OverdueSettingsSchema } from '../domain/overdue';
import { DEFAULT_MAR_ALERT_SETTINGS, validateMarAlertSettings } from '../domain/marAlerts';
import { BackupScheduleSchema, DEFAULT_BACKUP_SCHEDULE } from '../domain/backupSchedule';
import { DEFAULT_DOSE_TIMES, doseTimeProblems, FREQUENCIES, validateDoseTimes } from '../domain/frequency';
import { DEFAULT_TAPER_RATE } from '../domain/taperRate';
import type { DB } from '../../db/schema';
import { appendAudit } from './audit';
import { inTransaction, nowIso, type Actor, type ServiceContext, type Trx } from './context';
import { AppError } from './errors';
import { pathInWords } from '../ipc/contract/issueWords';

/**
 * Clinic-wide settings, one JSON value per key, each with a schema and a default. Later
 * features register their own keys here (dose times, review policies, overdue grace).
 */
export const SETTING_SCHEMAS = {
  'clinic.name': z.string().trim().min(1).max(200),
  'clinic.timeZone': z.string().refine((z) => IANAZone.isValidZone(z), 'Unknown time zone'),
  'clinic.demo': z.boolean(),
  'session.idleMinutes': z.number().int().min(1).max(240),
  'login.maxFailures': z.number().int().min(3).max(20),
  'login.lockMinutes': z.number().int().min(1).max(1440),
  'doses.times': z.record(z.enum(FREQUENCIES), z.array(z.string())).superRefine((times, ctx) => {
    for (const message of validateDoseTimes(times)) ctx.addIssue({ code: 'custom', message });
  }),
  'reviews.policy': ReviewPolicySchema,
  'reviews.overdue': OverdueSettingsSchema,
  // The nurses' MAR (issue 7).
  'mar.onTimeWindowMinutes': z.number().int().min(0).max(240),
  'mar.shiftStarts': z
    .array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use 24-hour HH:mm times.'))
    .min(1, 'At least one shift.')
    .max(6)
    .refine((t) => new Set(t).size === t.length, 'Shift start times must all differ.'),
  'mar.prnSymptomWindowMinutes': z.number().int().min(5).max(480),
  'mar.alerts': z
    .strictObject({ ciwaSevere: z.number(), cowsSevere: z.number(), consecutiveMissed: z.number() })
    .superRefine((s, ctx) => {
      for (const message of validateMarAlertSettings(s)) ctx.addIssue({ code: 'custom', message });
    }),
  'mar.enteredInErrorBy': z.enum(['author', 'author_or_charge']),
  'mar.allergyOverride': z.boolean(),
  /** Issue 8 item 1: a dose above a medication's maximum is refused unless this is on. */
  'prescribing.allowAboveMaximum': z.boolean(),
  /** Issue 8 item 4: a benzodiazepine or barbiturate taper faster than this needs a confirmed reason (domain/taperRate.ts). */
  'prescribing.taperMaxPercent': z
    .number({ message: 'Enter a percentage from 1 to 100' })
    .int('Enter a whole percentage from 1 to 100')
    .min(1, 'Enter a percentage from 1 to 100')
    .max(100, 'Enter a percentage from 1 to 100'),
  'prescribing.taperPerDays': z
    .number({ message: 'Enter a number of days from 1 to 90' })
    .int('Enter a whole number of days from 1 to 90')
    .min(1, 'Enter a number of days from 1 to 90')
    .max(90, 'Enter a number of days from 1 to 90'),
  /**
   * The clinical decision of issue 8 item 4: alcohol-withdrawal tapers' own speed limit
   * (domain/taperRate.ts taperRuleFor). Null, the default: they keep the benzodiazepine limit.
   */
  'prescribing.alcoholTaperMaxPercent': z
    .number({ message: 'Enter a percentage from 1 to 100, or leave it empty' })
    .int('Enter a whole percentage from 1 to 100')
    .min(1, 'Enter a percentage from 1 to 100')
    .max(100, 'Enter a percentage from 1 to 100')
    .nullable(),
  'prescribing.alcoholTaperPerDays': z
    .number({ message: 'Enter a number of days from 1 to 90, or leave it empty' })
    .int('Enter a whole number of days from 1 to 90')
    .min(1, 'Enter a number of days from 1 to 90')
    .max(90, 'Enter a number of days from 1 to 90')
    .nullable(),
  /** Issue 10 item 12: the daily backup to a folder an administrator chooses, and how many to keep. */
  'backups.schedule': BackupScheduleSchema,
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTING_SCHEMAS)[K]>;

export const SETTING_DEFAULTS: { [K in SettingKey]: SettingValue<K> } = {
  'clinic.name': 'Medtrack clinic',
  'clinic.timeZone': 'America/New_York',
  'clinic.demo': false,
  'session.idleMinutes': 15,
  'login.maxFailures': 5,
  'login.lockMinutes': 15,
  'doses.times': DEFAULT_DOSE_TIMES as Record<(typeof FREQUENCIES)[number], string[]>,
  'reviews.policy': DEFAULT_REVIEW_POLICY as SettingValue<'reviews.policy'>,
  'reviews.overdue': DEFAULT_OVERDUE_SETTINGS,
  'mar.onTimeWindowMinutes': 60,
  'mar.shiftStarts': ['07:00', '19:00'],
  'mar.prnSymptomWindowMinutes': 60,
  // CIWA-Ar 19+ and COWS over 36 are the severe bands of main/domain/scores.ts.
  'mar.alerts': { ...DEFAULT_MAR_ALERT_SETTINGS },
  'mar.enteredInErrorBy': 'author_or_charge',
  // Off: a dose matching a recorded allergy is refused unless the clinic chooses to allow an override.
  'mar.allergyOverride': false,
  'prescribing.allowAboveMaximum': false,
  // ASAM/VA benzodiazepine tapering guidance: no more than 25 % of the daily dose every 2 weeks.
  'prescribing.taperMaxPercent': DEFAULT_TAPER_RATE.maxPercent,
  'prescribing.taperPerDays': DEFAULT_TAPER_RATE.perDays,
  // Safety first: until the medical director sets a limit, alcohol-withdrawal tapers keep the one above.
  'prescribing.alcoholTaperMaxPercent': null,
  'prescribing.alcoholTaperPerDays': null,
  'backups.schedule': { ...DEFAULT_BACKUP_SCHEDULE },
};

/** What each setting is called on screen, for messages people can act on. */
const SETTING_LABELS: Record<SettingKey, string> = {
  'clinic.name': 'Clinic name',
  'clinic.timeZone': 'Time zone',
  'clinic.demo': 'Demo flag',
  'session.idleMinutes': 'Minutes before an idle session locks',
  'login.maxFailures': 'Failed logins before an account locks',
  'login.lockMinutes': 'Minutes an account stays locked',
  'doses.times': 'Dose times',
  'reviews.policy': 'Review policy',
  'reviews.overdue': 'Overdue thresholds',
  'mar.onTimeWindowMinutes': 'On-time window (minutes either side of a dose time)',
  'mar.shiftStarts': 'Shift start times',
  'mar.prnSymptomWindowMinutes': 'Minutes a withdrawal score qualifies a symptom-triggered PRN',
  'mar.alerts': 'MAR alert thresholds',
  'mar.enteredInErrorBy': 'Who may mark an entry entered-in-error',
  'mar.allergyOverride': 'Allow giving a dose despite a recorded allergy, with a reason',
  'prescribing.allowAboveMaximum': 'Allow doses above a maximum with an override reason',
  'prescribing.taperMaxPercent': 'Largest reduction of a benzodiazepine or barbiturate taper (% of the daily dose)',
  'prescribing.taperPerDays': 'Days over which that reduction is allowed',
  'prescribing.alcoholTaperMaxPercent': 'Largest reduction of an alcohol-withdrawal taper (% of the daily dose)',
  'prescribing.alcoholTaperPerDays': 'Days over which an alcohol-withdrawal reduction is allowed',
  'backups.schedule': 'Scheduled backups',
};

/** A setting's name on screen (the audit log names the setting an entry changed). */
export const settingLabel = (key: string): string => (Object.hasOwn(SETTING_LABELS, key) ? SETTING_LABELS[key as SettingKey] : 'A setting');

/** "rule 3 (days): " for ['rules', 2, 'days']; the setting's own fields by name, in words. */
function describePath(path: PropertyKey[]): string {
  if (path.length === 0) return '';
  if (path[0] === 'rules' && typeof path[1] === 'number') {
    const field = path.length > 2 ? pathInWords(path.slice(2)).toLowerCase() : '';
    return `rule ${path[1] + 1}${field ? ` (${field})` : ''}: `;
  }
  return `${pathInWords(path)}: `;
}

/**
 * A stored value that is not valid JSON or no longer fits its schema (a damaged file, a value
 * written by hand). It is reported, never silently replaced by the default: a review policy or
 * time zone quietly reset would change clinical dates without anyone knowing.
 */
export class UnreadableSettingError extends AppError {
  constructor(readonly key: SettingKey) {
    super('CONFLICT', `The stored "${SETTING_LABELS[key]}" setting cannot be read, so this was not done. An administrator can set it again under Settings.`);
  }
}

/** A stored value read through its schema; the default only when nothing is stored. */
function readStored<K extends SettingKey>(key: K, valueJson: string | undefined): SettingValue<K> {
  if (valueJson === undefined) return SETTING_DEFAULTS[key];
  let raw: unknown;
  try {
    raw = JSON.parse(valueJson);
  } catch {
    throw new UnreadableSettingError(key);
  }
  const parsed = SETTING_SCHEMAS[key].safeParse(raw);
  if (!parsed.success) throw new UnreadableSettingError(key);
  return parsed.data as SettingValue<K>;
}

export async function getSetting<K extends SettingKey>(db: Kysely<DB> | Trx, key: K): Promise<SettingValue<K>> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
  return readStored(key, row?.value_json);
}

/**
 * Every setting, from one read of the table, for the screens that edit them. An unreadable one
 * shows its default, so the form can set it again, and is named (in words) in `unreadable` so the screen
 * says so; every other reader gets UnreadableSettingError until it is set again.
 */
export async function getAllSettings(db: Kysely<DB>): Promise<{ [K in SettingKey]: SettingValue<K> } & { unreadable: string[] }> {
  const stored = new Map((await db.selectFrom('settings').select(['key', 'value_json']).execute()).map((r) => [r.key, r.value_json]));
  const out = { unreadable: [] as string[] } as Record<string, unknown> & { unreadable: string[] };
  for (const key of Object.keys(SETTING_SCHEMAS) as SettingKey[]) {
    try {
      out[key] = readStored(key, stored.get(key));
    } catch (err) {
      if (!(err instanceof UnreadableSettingError)) throw err;
      out[key] = SETTING_DEFAULTS[key];
      out.unreadable.push(SETTING_LABELS[key]);
    }
  }
  return out as { [K in SettingKey]: SettingValue<K> } & { unreadable: string[] };
}

/** The value before a change, for the audit entry: the stored text itself when it cannot be read. */
async function settingBefore(trx: Trx, key: SettingKey): Promise<unknown> {
  try {
    return await getSetting(trx, key);
  } catch (err) {
    if (!(err instanceof UnreadableSettingError)) throw err;
    const row = await trx.selectFrom('settings').select('value_json').where('key', '=', key).executeTakeFirst();
    return { unreadable: row?.value_json ?? null };
  }
}

/**
 * Rules a new value must meet beyond what a stored one must (stored values stay readable when a
 * rule is added): dose times entered earliest first. Each problem is reported at its own field
 * ("doses.times.bid"), so the settings screen shows it beside that frequency.
 */
const WRITE_CHECKS: Partial<Record<SettingKey, (value: unknown) => { path: string; message: string }[]>> = {
  'doses.times': (value) => {
    const shaped = z.record(z.string(), z.array(z.string())).safeParse(value);
    if (!shaped.success) return [];
    return doseTimeProblems(shaped.data, { ordered: true }).map((p) => ({ path: `doses.times.${p.frequency}`, message: p.message }));
  },
};

/** Writes one setting inside an existing transaction, audited with before and after. */
export async function writeSetting<K extends SettingKey>(
  trx: Trx,
  at: string,
  actorId: number | null,
  key: K,
  value: unknown,
): Promise<SettingValue<K>> {
  const writeProblems = WRITE_CHECKS[key]?.(value) ?? [];
  if (writeProblems.length > 0) {
    const sentence = writeProblems.map((p) => p.message).join(' ');
    throw new AppError('VALIDATION', `${SETTING_LABELS[key]}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`, {
      fields: [{ path: key, message: sentence }, ...writeProblems],
    });
  }
  const parsed = SETTING_SCHEMAS[key].safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0];
    const detail = first ? `${describePath(first.path)}${first.message}` : 'Check this value.';
    const sentence = /^[A-Z][a-z]/.test(detail) ? detail.charAt(0).toLowerCase() + detail.slice(1) : detail;
    throw new AppError('VALIDATION', `${SETTING_LABELS[key]}: ${sentence.replace(/\.$/, '')}.`, {
      fields: [
        { path: key, message: detail },
        ...issues.map((i) => ({ path: [key, ...i.path.map(String)].join('.'), message: i.message })),
      ],
    });
  }
  const before = await settingBefore(trx, key);
  await trx
    .insertInto('settings')
    .values({ key, value_json: JSON.stringify(parsed.data), updated_at: at, updated_by: actorId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(parsed.data), updated_at: at, updated_by: actorId }))
    .execute();
  await appendAudit(trx, { at, actorId, action: 'settings.update', entityType: 'setting', entityId: key, before, after: parsed.data });
  return parsed.data as SettingValue<K>;
}

export async function updateSettings(ctx: ServiceContext, actor: Actor, values: Partial<Record<SettingKey, unknown>>) {
  const keys = Object.keys(values) as SettingKey[];
  for (const key of keys) {
    // Own keys only: `in` walks the prototype chain, so "constructor" or "toString" passed as a
    // setting and then failed as INTERNAL.
    if (!Object.hasOwn(SETTING_SCHEMAS, key)) {
      throw new AppError('VALIDATION', `There is no setting called "${String(key).slice(0, 60)}".`, { fields: [{ path: `values.${String(key).slice(0, 60)}`, message: 'Not a setting.' }] });
    }
  }
  await inTransaction(ctx, async (trx) => {
    const at = nowIso(ctx);
    for (const key of keys) await writeSetting(trx, at, actor.id, key, values[key]);
  });
  return getAllSettings(ctx.db);
}
