/** One format for every time and date on screen: the same functions main uses in its messages. */
export { formatInstant, formatDate, afterDays, dayCount } from '../../main/domain/display';

/** 'medical_director' -> 'Medical director'. */
export function roleLabel(role: string): string {
  const words = role.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
