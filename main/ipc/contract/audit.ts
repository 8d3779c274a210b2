import { z } from 'zod';
import { ACTION_GROUPS } from '../../domain/auditWords';
import { channel, Id, IsoDate, Text } from './common';

export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

const Change = z.object({ field: z.string(), before: z.string(), after: z.string() });

/** One audit entry in words, for the audit log viewer (issue 8 item 11). */
export const AuditEntryInWords = z.object({
  id: Id,
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  actionWords: z.string(),
  entityWords: z.string(),
  subject: z.string().nullable(),
  patient: z.object({ id: Id, name: z.string(), mrn: z.string() }).nullable(),
  link: z.union([z.object({ view: z.enum(['order', 'patient']), id: Id }), z.object({ view: z.enum(['formulary', 'users', 'settings']), id: z.null() })]).nullable(),
  reason: z.string().nullable(),
  changes: z.array(Change),
});

const KINDS = ACTION_GROUPS.map((g) => g.prefix) as [string, ...string[]];

export const auditContract = {
  'audit.search': channel({
    summary: 'The audit log viewer: entries in words, filtered by person, patient, kind of action and clinic dates, a page at a time with the true total.',
    access: ['admin', 'medical_director'],
    input: z
      .object({
        actorId: Id.optional(),
        patientId: Id.optional(),
        kind: z.enum(KINDS, { message: 'Choose a kind of action from the list.' }).optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        beforeId: Id.optional(),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict()
      .refine((q) => !(q.from && q.to && q.to < q.from), { message: 'The end of the date range is before its start.', path: ['to'] }),
    output: z.object({ entries: z.array(AuditEntryInWords), total: z.number().int(), nextBeforeId: Id.nullable(), timeZone: z.string() }),
  }),
  'audit.list': channel({
    summary: 'Recent audit entries, newest first, optionally for one entity or several of one type.',
    access: ['admin', 'medical_director', 'prescriber'],
    input: z
      .object({
        entityType: Text(50).optional(),
        entityId: Text(50).optional(),
        /** Several entities of one type at once (an order's dose versions), instead of one call each. */
        entityIds: z.array(Text(50)).min(1, 'Give at least one entity id.').max(500, 'At most 500 entity ids at once.').optional(),
        action: Text(100).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        beforeId: Id.optional(),
      })
      .refine((q) => !(q.entityId && q.entityIds), { message: 'Give entityId or entityIds, not both.', path: ['entityIds'] })
      .refine((q) => !q.entityIds || q.entityType, { message: 'entityIds needs an entityType.', path: ['entityType'] }),
    output: z.array(AuditEntry),
  }),
  'audit.verify': channel({
    summary: 'Walk the hash chain, report the first broken link, and check every audited row against its latest entry.',
    access: ['admin', 'medical_director'],
    input: z.object({}).strict(),
    output: z.object({
      ok: z.boolean(),
      entries: z.number().int(),
      brokenAtId: z.number().int().nullable(),
      problem: z.string().nullable(),
      /** Rows changed, added or removed outside the app, in words (table, row, entry). */
      rowProblems: z.array(z.string()),
      rowsProven: z.number().int(),
      rowsUnproven: z.number().int(),
      /** The first anchor (kept outside the file by backups and exports) the chain no longer holds, in words. */
      anchorProblem: z.string().nullable(),
      anchors: z.number().int(),
      newestAnchor: z.object({ entries: z.number().int(), at: z.string(), why: z.enum(['backup', 'export']) }).nullable(),
    }),
  }),
};
