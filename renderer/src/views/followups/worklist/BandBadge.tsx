import type { UrgencyBand } from '../../../../../main/domain/overdue';
import { BAND_LABELS, bandClass } from '../labels';

/** The urgency of an open review: its name in words, with the band's colour and mark. */
export function BandBadge({ band }: { band: UrgencyBand }) {
  return <span className={bandClass(band)}>{BAND_LABELS[band]}</span>;
}
