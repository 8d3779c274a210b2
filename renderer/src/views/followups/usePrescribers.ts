import type { Option } from '../../components/fields';
import { useApiQuery } from '../../hooks';

/** Active prescribers as select options (who a review can be assigned to). */
export function usePrescriberOptions(): { options: Option<string>[]; loading: boolean } {
  const users = useApiQuery('users.list', { role: 'prescriber', activeOnly: true });
  const options = (users.data ?? []).map((u) => ({ value: String(u.id), label: u.credentials ? `${u.displayName}, ${u.credentials}` : u.displayName }));
  return { options, loading: users.loading };
}
