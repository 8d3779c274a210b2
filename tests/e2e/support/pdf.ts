import type { Page } from '@playwright/test';

/**
 * The page as Chromium prints it (print media, the view's own @page rules), read back with
 * Mozilla's PDF.js: one string per printed page, the margin boxes (page numbers, footers)
 * included. What a clinician would hold in their hand, page by page.
 */
export async function printedPages(page: Page): Promise<string[]> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loading = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false });
  const doc = await loading.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    // Items are runs of text (a ligature such as "ff" is a run of its own): joined as they
    // stand, a line break read as a space, spaces squeezed, so assertions read like the page.
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  await loading.destroy();
  return pages;
}

/** Replaces the browser's print dialog with a counter, so a spec can see that Print asked for it. */
export async function stubPrintDialog(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { printed: number };
    w.printed = 0;
    window.print = () => {
      w.printed += 1;
    };
  });
  return () => page.evaluate(() => (window as unknown as { printed: number }).printed);
}
