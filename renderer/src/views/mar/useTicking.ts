import { useEffect } from 'react';

/**
 * Reloads a screen every `ms` while it is open: a dose's status moves from "not yet due" to
 * "due now" to "late" as the clock turns, without anyone pressing anything.
 */
export function useTicking(reload: () => void, ms = 60_000): void {
  useEffect(() => {
    const t = setInterval(reload, ms);
    return () => clearInterval(t);
  }, [reload, ms]);
}
