/**
 * Saves text as a file through the browser's own download (Blob + object URL + a[download]),
 * so nothing in the renderer touches the file system.
 *
 * CSV gets a UTF-8 byte-order mark: without it spreadsheet programs read the file in the
 * system's legacy code page and garble characters such as the "§" of the Part 2 notice.
 */
export function downloadText(filename: string, content: string, mimeType: string): void {
  const body = mimeType.startsWith('text/csv') ? `\uFEFF${content}` : content;
  const url = URL.createObjectURL(new Blob([body], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a download that has not started reading yet; a report is small, so wait.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
