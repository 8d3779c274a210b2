import { useEffect, useRef, type RefObject } from 'react';

/**
 * Puts the cursor in a form's first field when it opens, so keyboard users land in the form
 * they just asked for rather than back at the button.
 */
export function useFocusFirstField<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
  }, []);
  return ref;
}
