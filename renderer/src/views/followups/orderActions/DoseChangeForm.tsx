import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { LoadError } from '../../../components/FormError';
import { useClinicZone } from '../../../context';
import { useApiQuery } from '../../../hooks';
import { ChangeDoseForm } from '../../orders/actions/ChangeDoseForm';

/**
 * After a review decided "adjust": the order page's own dose-change form (one form, issue 12
 * item 6) for the reviewed order, starting from the review's note as the reason.
 */
export function DoseChangeForm({ orderId, reasonDraft, onSaved, onSkip }: { orderId: number; reasonDraft: string; onSaved(order: OrderDetail): void; onSkip(): void }) {
  const order = useApiQuery('orders.get', { id: orderId });
  const zone = useClinicZone() ?? 'UTC';
  if (order.error) return <LoadError error={order.error} onRetry={order.reload} />;
  if (!order.data) return <p role="status">Loading the order…</p>;
  return <ChangeDoseForm order={order.data} zone={zone} reasonDraft={reasonDraft} onDone={(o) => onSaved(o)} onCancel={onSkip} cancelLabel="Not now" heading={null} />;
}
