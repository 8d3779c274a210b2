import type { z } from 'zod';

/**
 * A schema issue in words, for a field the person can see. The renderer checks with main's own
 * schemas (so the rule lives in one place) only to place the message on the right field; main
 * checks again when saving.
 */
export function issueInWords(label: string, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return `${label}: at least ${String(issue.minimum)}.`;
    case 'too_big':
      return `${label}: at most ${String(issue.maximum)}.`;
    case 'invalid_type':
      return `${label}: enter a whole number.`;
    default:
      return `${label}: ${issue.message}`;
  }
}
