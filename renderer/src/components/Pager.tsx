import './Pager.css';

/**
 * Previous / next for a paged list, saying which rows are shown out of the true total
 * ("Showing 101–200 of 2,032 patients"), so a long list is never cut short silently.
 */
export function Pager({ offset, shown, total, pageSize, onOffset, noun }: { offset: number; shown: number; total: number; pageSize: number; onOffset(offset: number): void; noun: string }) {
  if (total <= pageSize && offset === 0) return null;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const label = shown === 0 ? `None shown of ${fmt(total)} ${noun}` : `Showing ${fmt(offset + 1)}–${fmt(offset + shown)} of ${fmt(total)} ${noun}`;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous page
      </button>
      <span role="status">{label}</span>
      <button type="button" className="secondary small" disabled={offset + shown >= total} onClick={() => onOffset(offset + pageSize)}>
        Next page
      </button>
    </nav>
  );
}
