import { doseStatusClass, doseStatusLabel } from './labels';
import './mar.css';

/** A due dose's status in words and colour together (the words carry the meaning). */
export function DoseStatusBadge({ status }: { status: string }) {
  return <span className={doseStatusClass(status)}>{doseStatusLabel(status)}</span>;
}
