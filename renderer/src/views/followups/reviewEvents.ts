/**
 * "Reviews changed": forms that complete, move or add a review announce it, so the navigation
 * counts refresh at once instead of waiting for the next screen change. (No polling: every
 * call to main counts as activity and would keep an idle session from locking.)
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export function announceReviewsChanged(): void {
  for (const listener of listeners) listener();
}

export function onReviewsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
