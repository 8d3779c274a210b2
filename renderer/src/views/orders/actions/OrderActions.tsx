import { useState } from 'react';
import type { OrderDetail } from '../../../../../main/ipc/contract/orders';
import { ChangeDoseForm } from './ChangeDoseForm';
import { ReasonForm, type ReasonAction } from './ReasonForm';
import { ReplaceTaperForm } from './ReplaceTaperForm';

type Panel = ReasonAction | 'changeDose' | 'taper';

/** The changes the order's status allows now (main checks again and its refusal is shown). */
function allowed(order: OrderDetail): { panel: Panel; label: string; danger?: boolean }[] {
  if (order.status !== 'active' && order.status !== 'held') return [];
  const list: { panel: Panel; label: string; danger?: boolean }[] = [{ panel: 'changeDose', label: 'Change dose' }];
  list.push(order.status === 'active' ? { panel: 'hold', label: 'Hold' } : { panel: 'resume', label: 'Resume' });
  if (!order.prn) list.push({ panel: 'taper', label: order.plannedSteps ? 'Replace taper plan' : 'Plan a taper' });
  if (order.plannedSteps > 0) list.push({ panel: 'stopTaper', label: 'Stop taper' });
  list.push({ panel: 'discontinue', label: 'Discontinue', danger: true });
  return list;
}

/** One change at a time: the buttons give way to the chosen form, which asks for its reason. */
export function OrderActions({ order, zone, onChanged }: { order: OrderDetail; zone: string; onChanged(order: OrderDetail, message: string): void }) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const buttons = allowed(order);
  const done = (updated: OrderDetail, message: string) => {
    setPanel(null);
    onChanged(updated, message);
  };
  const cancel = () => setPanel(null);

  return (
    <section className="panel order-actions no-print" aria-labelledby="order-actions-heading">
      <h2 id="order-actions-heading">Change this order</h2>
      {buttons.length === 0 ? <p className="empty">This order is {order.status}; it can no longer be changed.</p> : null}
      {panel === null && buttons.length ? (
        <div className="row-actions">
          {buttons.map((b) => (
            <button key={b.panel} type="button" className={b.danger ? 'danger' : 'secondary'} onClick={() => setPanel(b.panel)}>
              {b.label}
            </button>
          ))}
        </div>
      ) : null}
      {panel === 'changeDose' ? <ChangeDoseForm order={order} zone={zone} onDone={done} onCancel={cancel} /> : null}
      {panel === 'taper' ? <ReplaceTaperForm order={order} zone={zone} onDone={done} onCancel={cancel} /> : null}
      {panel === 'hold' || panel === 'resume' || panel === 'discontinue' || panel === 'stopTaper' ? <ReasonForm orderId={order.id} action={panel} onDone={done} onCancel={cancel} /> : null}
    </section>
  );
}
