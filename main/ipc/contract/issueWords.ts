import { z } from 'zod';
import { fieldLabel } from '../../domain/auditWords';

/**
 * zod's own messages ("Too small: expected string to have >=1 characters", "expected string,
 * received number") in a clinician's words, in one place (issue 8 item 9). Installed as zod's
 * global error map, so it speaks only where a schema gave no message of its own: the contract's
 * and the settings' hand-written messages win. Imported by contract/common.ts (every channel) and
 * services/settings.ts, so it is in force wherever input is checked.
 */
type Issue = z.core.$ZodRawIssue;

const count = (n: unknown, one: string, many: string) => `${String(n)} ${Number(n) === 1 ? one : many}`;
const words = (v: unknown) => (typeof v === 'string' ? v.replace(/_/g, ' ') : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));

/** The messages this map wrote (a few dozen distinct strings): only these need the field named. */
const generated = new Set<string>();

export function issueInWords(issue: Issue): string {
  const message = defaultWords(issue);
  generated.add(message);
  return message;
}

function defaultWords(issue: Issue): string {
  const i = issue as Issue & { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean; expected?: string; values?: unknown[]; divisor?: unknown; format?: string };
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? 'Enter this.' : `Enter at least ${count(i.minimum, 'character', 'characters')}.`;
      if (i.origin === 'array' || i.origin === 'set') return Number(i.minimum) <= 1 ? 'Choose at least one.' : `Choose at least ${String(i.minimum)}.`;
      if (i.origin === 'date') return 'Choose a later date.';
      return i.inclusive === false ? `Enter more than ${String(i.minimum)}.` : `Enter ${String(i.minimum)} or more.`;
    case 'too_big':
      if (i.origin === 'string') return `Use at most ${count(i.maximum, 'character', 'characters')}.`;
      if (i.origin === 'array' || i.origin === 'set') return `Choose at most ${String(i.maximum)}.`;
      if (i.origin === 'date') return 'Choose an earlier date.';
      return i.inclusive === false ? `Enter less than ${String(i.maximum)}.` : `Enter ${String(i.maximum)} or less.`;
    case 'invalid_type':
      if (i.input === undefined) return 'This is required.';
      if (i.expected === 'int') return 'Enter a whole number.';
      if (i.expected === 'number') return 'Enter a number.';
      if (i.expected === 'string') return 'Enter this as text.';
      if (i.expected === 'boolean') return 'Choose yes or no.';
      if (i.expected === 'array') return 'Give a list here.';
      if (i.expected === 'date') return 'Enter a date.';
      return 'This part of the form is not filled in as expected; reload the screen and try again.';
    case 'invalid_value': {
      const values = i.values ?? [];
      if (values.length === 1) return values[0] === true ? 'This needs to be confirmed.' : `This must be ${words(values[0])}.`;
      return values.length <= 8 ? `Choose one of: ${values.map(words).join(', ')}.` : 'Choose one of the options offered.';
    }
    case 'not_multiple_of':
      return `Enter a multiple of ${String(i.divisor)}.`;
    case 'invalid_format':
      return i.format === 'email' ? 'Enter an email address.' : 'Check how this is written.';
    case 'unrecognized_keys':
      return 'The form sent something this screen does not have; reload the screen and try again.';
    case 'invalid_key':
    case 'invalid_element':
      return 'Check the entries in this list.';
    default:
      return 'Check this field.';
  }
}

/** "Display name" for ['displayName'], "Rule 2: Days" for ['rules', 1, 'days']; '' when the path names nothing. */
export function pathInWords(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') parts.push(`item ${p + 1}`);
    else {
      const label = fieldLabel(String(p));
      if (label) parts.push(label);
    }
  }
  const text = parts.join(', ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
}

/**
 * One issue as a sentence for the summary line: "Display name: enter this." A schema's own
 * message is written to stand alone ("Login needs at least 2 characters.") and is kept as it is.
 */
export function issueSentence(path: readonly PropertyKey[], message: string): string {
  const where = pathInWords(path);
  if (!where || !generated.has(message)) return message;
  const lowered = /^[A-Z][a-z]/.test(message) ? message.charAt(0).toLowerCase() + message.slice(1) : message;
  return `${where}: ${lowered}`;
}

z.config({ customError: issueInWords });
