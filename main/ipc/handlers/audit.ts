import { listAudit, verifyAuditChain } from '../../services/audit';
import type { HandlerMap } from './types';

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

export const auditHandlers: HandlerMap<'audit.list' | 'audit.verify'> = {
  'audit.list': async (input, { ctx }) => {
    const rows = await listAudit(ctx.db, input);
    const actorIds = [...new Set(rows.map((r) => r.actor_id).filter((id): id is number => id !== null))];
    const users = new Map(
      actorIds.length ? (await ctx.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actorIds).execute()).map((u) => [u.id, u.display_name]) : [],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_id === null ? null : (users.get(r.actor_id) ?? null),
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: parse(r.before_json),
      after: parse(r.after_json),
      reason: r.reason,
    }));
  },
  'audit.verify': async (_input, { ctx }) => {
    const v = await verifyAuditChain(ctx.db);
    return v.ok
      ? { ok: true, entries: v.entries, brokenAtId: null, problem: null }
      : { ok: false, entries: v.entries, brokenAtId: v.brokenAtId, problem: v.problem };
  },
};
