import type { OrderView } from '../../../../main/ipc/contract/orders';
import type { Option } from '../../components/fields';

export type StatusFilter = 'all' | 'active' | 'held' | 'stopped';
export type GivenByFilter = 'all' | 'staff' | 'patient';

export const STATUS_FILTERS: readonly Option<StatusFilter>[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'held', label: 'Held' },
  { value: 'stopped', label: 'Stopped (discontinued or completed)' },
];

export const GIVEN_BY_FILTERS: readonly Option<GivenByFilter>[] = [
  { value: 'all', label: 'Staff and home' },
  { value: 'staff', label: 'Staff at the facility' },
  { value: 'patient', label: 'Patient at home' },
];

const matchesStatus = (o: OrderView, f: StatusFilter) => f === 'all' || (f === 'stopped' ? o.status === 'discontinued' || o.status === 'completed' : o.status === f);

/** Current orders first (active, then held), then stopped ones; by name within each. */
const RANK: Record<OrderView['status'], number> = { active: 0, held: 1, discontinued: 2, completed: 3 };

export function applyFilter(orders: readonly OrderView[], status: StatusFilter, givenBy: GivenByFilter): OrderView[] {
  return orders
    .filter((o) => matchesStatus(o, status) && (givenBy === 'all' || o.administeredBy === givenBy))
    .sort((a, b) => RANK[a.status] - RANK[b.status] || a.medication.name.localeCompare(b.medication.name));
}
