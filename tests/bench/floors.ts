/**
 * Raw-SQL floors shared by the bench and its command-line floor script: what a careful
 * engineer would write for the same answer, with the clinic's rules hard-wired (New York at a
 * fixed -5 h, no grace, critical after 7 days), so it measures the data work, not the rules.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function auditFiguresFloor(d: Database.Database, now: Date) {
  const asOf = now.getTime();
  const asOfIso = now.toISOString();
  const today = dateOf(asOf - 5 * 3_600_000);
  const since90 = dateOf(Date.parse(today) - 89 * DAY);
  const since30 = dateOf(Date.parse(today) - 29 * DAY);
  const rows = d
    .prepare(`SELECT assigned_prescriber_id AS rx, due_date AS due, status, completed_at AS done, cancelled_at AS cancelled FROM followups
      WHERE created_at <= ? AND (due_date >= ? OR status = 'scheduled' OR completed_at > ? OR cancelled_at > ?)`)
    .raw()
    .all(asOfIso, since90, asOfIso, asOfIso) as Array<[number, string, string, string | null, string | null]>;
  const overdueMs = (due: string) => Date.parse(due) + DAY + 5 * 3_600_000;
  const by = new Map<number, { late: number[]; critical: number; oldest: string; r30: [number, number]; r90: [number, number] }>();
  for (const [rx, due, status, done, cancelled] of rows) {
    let g = by.get(rx);
    if (!g) by.set(rx, (g = { late: [], critical: 0, oldest: '9999-12-31', r30: [0, 0], r90: [0, 0] }));
    const closed = status === 'completed' ? done : status === 'cancelled' ? cancelled : null;
    const open = closed === null || closed > asOfIso;
    const threshold = overdueMs(due);
    if (open && asOf >= threshold) {
      g.late.push(Math.round((Date.parse(today) - Date.parse(due)) / DAY));
      if (asOf >= threshold + 7 * DAY) g.critical++;
      if (due < g.oldest) g.oldest = due;
    }
    if (status === 'cancelled' && !open && Date.parse(closed!) < threshold) continue;
    const settled = open ? (asOf >= threshold ? 0 : -1) : Date.parse(closed!) < threshold ? 1 : 0;
    if (settled < 0 || due > today) continue;
    if (due >= since90) {
      g.r90[0] += settled;
      g.r90[1]++;
    }
    if (due >= since30) {
      g.r30[0] += settled;
      g.r30[1]++;
    }
  }
  const names = new Map((d.prepare(`SELECT id, display_name FROM users WHERE role = 'prescriber'`).raw().all() as Array<[number, string]>));
  return [...by].map(([rx, g]) => {
    const late = g.late.sort((a, b) => a - b);
    return {
      prescriber: names.get(rx),
      overdue: late.length,
      critical: g.critical,
      oldest: late.length ? g.oldest : null,
      medianLate: late.length ? late[Math.floor(late.length / 2)] : null,
      onTime30: g.r30[1] ? g.r30[0] / g.r30[1] : null,
      onTime90: g.r90[1] ? g.r90[0] / g.r90[1] : null,
    };
  });
}
