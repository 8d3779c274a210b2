import { usePrintRecorded } from '../print';

/**
 * The paper a print sheet goes on: size, margins, "Page 1 of 2" at the foot of every page, and a
 * line of text at the foot's other corner (who the paper is about). Rendered inside the view
 * that prints, so the rule exists only while that view is on screen: one view's paper never
 * leaks into another view's print, as a global @page in a sheet would. Only a recorded print
 * (renderer/src/print.ts) gets them: a print that skipped the Print button must not carry the
 * patient's name in its footer.
 */
export function PrintPage({ size, footer }: { size: string; footer: string }) {
  const recorded = usePrintRecorded();
  const css = `@media print {
  @page {
    size: ${size};
    margin: 12mm 10mm 14mm;
    @bottom-right { content: 'Page ' counter(page) ' of ' counter(pages); font-size: 9pt; }
    @bottom-left { content: ${cssString(footer)}; font-size: 9pt; }
  }
}`;
  return recorded ? <style>{css}</style> : null;
}

/** Text as a CSS string literal: quotes, backslashes and line breaks escaped, nothing else can break out. */
export function cssString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3C ')}"`;
}
