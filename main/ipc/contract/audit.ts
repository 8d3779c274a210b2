import { z } from 'zod';
import { channel, Id, Text } from './common';

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

export const auditContract = {
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
