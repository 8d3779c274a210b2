import { statusLabel, type OrderStatus } from './labels';

/** Status in words and colour; the word carries the meaning, the colour only helps scanning. */
export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`status-badge status-${status}`}>{statusLabel(status)}</span>;
}
