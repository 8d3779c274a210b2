import { useEffect, useRef, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';

/**
 * Every print goes through a screen's audited print (issue 8 item 12): its Print button asks
 * main to record the print (who, when, what) and supplies the header, then opens the dialog.
 *
 * - Ctrl+P (Cmd+P) is caught here and runs the screen's own print, exactly as its button does.
 * - Any other way of printing (the browser's menu, a print started outside the screen's flow)
 *   prints one line instead of the record: styles/print-gate.css hides the page on paper unless
 *   the audited flow marked it, so nothing leaves unrecorded or without its header.
 */
type PrintHandler = () => void | Promise<void>;

let current: PrintHandler | null = null;
const MARK = 'auditedPrint';
let marked = false;
const listeners = new Set<() => void>();

function setMarked(next: boolean): void {
  if (marked === next) return;
  marked = next;
  if (next) document.documentElement.dataset[MARK] = 'yes';
  else delete document.documentElement.dataset[MARK];
  for (const l of listeners) l();
}

/** Opens the print dialog for a print main has just recorded (the one call every view makes). */
export function printRecorded(): void {
  // The paper's margin boxes (components/PrintPage.tsx) must be on the page before the dialog
  // reads it; only views with a PrintPage listen, so a view without one never flushes.
  if (listeners.size > 0) flushSync(() => setMarked(true));
  else setMarked(true);
  window.print();
}

function clearMark(): void {
  setMarked(false);
}

/** Whether the page is marked for a recorded print (PrintPage's @page rules exist only then). */
export function usePrintRecorded(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => marked,
  );
}

/** Registers the current screen's audited print for Ctrl+P while the screen is shown. */
export function useAuditedPrint(handler: PrintHandler | null): void {
  const latest = useRef(handler);
  // The newest handler (it closes over the screen's current filters), kept after each render.
  useEffect(() => {
    latest.current = handler;
  });
  const enabled = handler !== null;
  useEffect(() => {
    if (!enabled) return undefined;
    const run: PrintHandler = () => latest.current?.();
    current = run;
    return () => {
      if (current === run) current = null;
      // A mark left by this screen's print must not let the next screen print unrecorded.
      clearMark();
    };
  }, [enabled]);
}

/** Is this key press the print shortcut? */
export function isPrintShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'p';
}

/** Installed once at start-up (renderer/src/main.tsx). */
export function installPrintGate(target: Window = window): void {
  target.addEventListener(
    'keydown',
    (e) => {
      if (!isPrintShortcut(e)) return;
      // Never the browser's own print: on a screen that prints, its audited flow; elsewhere nothing.
      e.preventDefault();
      e.stopPropagation();
      if (current && !e.repeat) void current();
    },
    { capture: true },
  );
  // Once the dialog closes, the next print needs recording again.
  target.addEventListener('afterprint', clearMark);
}
