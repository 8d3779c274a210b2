import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { rowSortingFeature, tableFeatures, useTable, type ColumnDef, type RowData, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import './DataTable.css';

/**
 * The app's one table for lists (issue 12 item 6, issue 11 item 5), on @tanstack/react-table:
 * real table semantics (caption, column headers, a row header per row) so people and tests find
 * rows by role; a header that stays in view; sorting where the list's owner sorts (in main, so
 * a sorted page is a page of the whole sorted list); and, above a few hundred rows, only the
 * rows in view are rendered. On paper every row is printed.
 */
export interface DataColumn<T extends RowData> {
  id: string;
  header: ReactNode;
  cell(row: T): ReactNode;
  /** This column names the row (`<th scope="row">`): exactly one column should. */
  rowHeader?: boolean;
  className?: string;
  /** Offered as a sort order (main does the sorting). */
  sortable?: boolean;
}

export interface DataTableSort {
  column: string;
  direction: 'asc' | 'desc';
}

export interface DataTableProps<T extends RowData> {
  caption: ReactNode;
  rows: readonly T[];
  columns: ReadonlyArray<DataColumn<T> | false | null | undefined>;
  rowKey(row: T): string | number;
  className?: string;
  busy?: boolean;
  captionClassName?: string;
  sort?: DataTableSort;
  onSort?(sort: DataTableSort): void;
  /** Rows above which only those in view are rendered. */
  virtualiseAbove?: number;
  rowClassName?(row: T): string | undefined;
}

const features = tableFeatures({ rowSortingFeature });
const VIRTUALISE_ABOVE = 150;
const ROW_ESTIMATE = 44;

/** True while the page is being printed (Ctrl+P, the Print button, or print media). */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => typeof window !== 'undefined' && window.matchMedia?.('print').matches === true);
  useEffect(() => {
    // flushSync: the browser lays out for paper right after "beforeprint"; every row must be there by then.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    const media = window.matchMedia?.('print');
    const onMedia = (e: MediaQueryListEvent) => (e.matches ? before() : after());
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media?.addEventListener?.('change', onMedia);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media?.removeEventListener?.('change', onMedia);
    };
  }, []);
  return printing;
}

export function DataTable<T extends RowData>({ caption, rows, columns, rowKey, className, busy, captionClassName, sort, onSort, virtualiseAbove = VIRTUALISE_ABOVE, rowClassName }: DataTableProps<T>) {
  const shown = columns.filter((c): c is DataColumn<T> => Boolean(c));
  const defs: Array<ColumnDef<typeof features, T>> = shown.map((c) => ({ id: c.id, header: () => c.header, cell: (ctx) => c.cell(ctx.row.original) }));
  const sorting: SortingState = sort ? [{ id: sort.column, desc: sort.direction === 'desc' }] : [];
  const table = useTable({
    features,
    columns: defs,
    data: rows as T[],
    getRowId: (r) => String(rowKey(r)),
    manualSorting: true,
    state: { sorting },
  });
  const printing = usePrinting();
  const modelRows = table.getRowModel().rows;
  const virtual = !printing && modelRows.length > virtualiseAbove;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's functions change with scrolling; this component is not memoised by the compiler, as the rule warns.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: virtual ? modelRows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (i) => modelRows[i]?.id ?? i,
    overscan: 8,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const visible = virtual ? items.map((v) => ({ row: modelRows[v.index], index: v.index })) : modelRows.map((row, index) => ({ row, index }));
  const padTop = virtual && items.length ? items[0].start : 0;
  const padBottom = virtual && items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const byId = new Map(shown.map((c) => [c.id, c]));

  const tableEl = (
    <table className={`data-table${className ? ` ${className}` : ''}`} aria-busy={busy || undefined} aria-rowcount={virtual ? modelRows.length + 1 : undefined}>
      <caption className={captionClassName}>{caption}</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id} aria-rowindex={virtual ? 1 : undefined}>
            {group.headers.map((header) => {
              const col = byId.get(header.column.id);
              // Sorting is main's (manualSorting); which columns offer it is the column's own say.
              const canSort = Boolean(col?.sortable && onSort);
              const sorted = sort?.column === header.column.id ? sort.direction : false;
              const label = <table.FlexRender header={header} />;
              const toggle = () => onSort?.({ column: header.column.id, direction: sorted === 'asc' ? 'desc' : 'asc' });
              return (
                <th key={header.id} scope="col" className={col?.className} aria-sort={canSort ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}>
                  {canSort ? (
                    <button type="button" className="sort-button" onClick={toggle}>
                      {label}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {padTop > 0 ? <tr aria-hidden="true" className="virtual-pad" style={{ height: padTop }} /> : null}
        {visible.map(({ row, index }) => (
          <tr
            key={row.id}
            data-index={virtual ? index : undefined}
            ref={virtual ? virtualizer.measureElement : undefined}
            aria-rowindex={virtual ? index + 2 : undefined}
            className={rowClassName?.(row.original)}
          >
            {row.getAllCells().map((cell) => {
              const col = byId.get(cell.column.id);
              const content = <table.FlexRender cell={cell} />;
              return col?.rowHeader ? (
                <th key={cell.id} scope="row" className={col.className}>
                  {content}
                </th>
              ) : (
                <td key={cell.id} className={col?.className}>
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
        {padBottom > 0 ? <tr aria-hidden="true" className="virtual-pad" style={{ height: padBottom }} /> : null}
      </tbody>
    </table>
  );
  // A long list scrolls inside its own box, so the header can stay in view and the rows out of view need not exist.
  return virtual ? (
    <div ref={scrollRef} className="data-table-scroll" data-virtual="true">
      {tableEl}
    </div>
  ) : (
    tableEl
  );
}
