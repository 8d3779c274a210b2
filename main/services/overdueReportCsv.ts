import { formatDate } from '../domain/display';
import { BAND_WORDS, REVIEW_KIND_WORDS, scopeSentence } from '../domain/overdueReport';
import type { FollowupView } from '../ipc/contract/followups';
import type { OverdueReport } from '../ipc/contract/overdueReport';
import { toCsv } from './csv';

/**
 * 42 CFR § 2.32 requires this notice on each disclosure of records of a Part 2 program (the
 * 2024 final rule's wording). Every export of the overdue-review report carries it.
 */
export const PART2_NOTICE =
  'This record which has been disclosed to you is protected by Federal confidentiality rules (42 CFR part 2). ' +
  'These rules prohibit you from using or disclosing this record, or testimony that describes the information contained in this record, ' +
  'in any civil, criminal, administrative, or legislative proceedings by any Federal, State, or local authority, against the patient, ' +
  'unless authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized by a court in accordance with 42 CFR 2.64 or 2.65. ' +
  'In addition, the Federal rules prohibit you from making any further disclosure of this record unless authorized by the written consent of the person to whom it pertains, ' +
  'or as otherwise permitted by 42 CFR part 2. A general authorization for the release of medical or other information is NOT sufficient for this purpose (see § 2.31).';

const pct = (rate: number | null) => (rate === null ? '' : (rate * 100).toFixed(1));

/**
 * The overdue-review report as RFC 4180 CSV (services/csv.ts, formulas defused): the Part 2
 * notice, the report's date and exactly what it was filtered to, the figures (one row per
 * prescriber), then the overdue reviews themselves (issue 8 item 10), oldest due first, so
 * the director can act on each one and not only see the counts.
 */
export function reportToCsv(report: OverdueReport, overdueReviews: readonly FollowupView[]): string {
  const header = [
    'Prescriber',
    'Overdue',
    'Critically overdue',
    'Oldest due date',
    'Median days late',
    `On-time % (${report.periods.last30[0]} to ${report.periods.last30[1]})`,
    'Due (30 days)',
    `On-time % (${report.periods.last90[0]} to ${report.periods.last90[1]})`,
    'Due (90 days)',
  ];
  const rows = report.rows.map((r) => [
    r.prescriberName,
    String(r.overdue),
    String(r.critical),
    r.oldestDueDate ?? '',
    r.medianDaysLate === null ? '' : String(r.medianDaysLate),
    pct(r.last30.rate),
    String(r.last30.due),
    pct(r.last90.rate),
    String(r.last90.due),
  ]);
  const reviewHeader = ['Patient', 'MRN', 'Order', 'Medication', 'Review', 'Due date', 'Days late', 'Standing', 'Prescriber'];
  const reviewRows = overdueReviews.map((r) => [
    r.patientName,
    r.mrn,
    r.orderId === null ? '' : String(r.orderId),
    r.medicationName ?? '',
    REVIEW_KIND_WORDS[r.kind],
    r.dueDate,
    String(r.daysLate),
    r.band ? BAND_WORDS[r.band] : '',
    r.assignedPrescriberName,
  ]);
  // Every record has the same number of fields (RFC 4180): titles and blank lines are padded.
  const width = header.length;
  const line = (text: string) => [text, ...Array<string>(width - 1).fill('')];
  const blank = line('');
  return toCsv([
    line(PART2_NOTICE),
    line(`Overdue-review report as of ${report.asOfDate} (${report.timeZone}), ${scopeSentence(report.scope)}`),
    line(report.scope.length === 0 ? 'Filters: none (every prescriber, patient and drug class)' : `Filters: ${report.scope.join('; ')}`),
    blank,
    header,
    ...rows,
    blank,
    line(`Overdue reviews as of ${formatDate(report.asOfDate)}, and any whose due date cannot be read: ${overdueReviews.length}`),
    reviewHeader,
    ...reviewRows,
  ]);
}
