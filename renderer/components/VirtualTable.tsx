// A virtualized, sortable table (an ARIA grid): only the rows on screen are in the DOM, so 10k endpoints scroll
// like ten. Keyboard as in the audit list: the grid is one tab stop; arrows, Page Up/Down, Home/End move the
// selection, Enter opens the selected row; the column headers are buttons that sort (aria-sort says how).
// Cells render what the columns give them; columns must hand it outside text as React text (InertText).
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { moveSelection, type SortState, type SortValue } from './table-model';

export const ROW_HEIGHT = 36;
/** The sticky header row: 32px and its 1px bottom border. Rows start below it and scroll under it. */
export const HEADER_HEIGHT = 33;

/** How tall a grid of `rows` rows is drawn whole, border (2px) included: a short list gets a short grid. */
export function gridHeight(rows: number): number {
  return rows * ROW_HEIGHT + HEADER_HEIGHT + 2;
}

export interface Column<T> {
  readonly id: string;
  readonly header: string;
  /** A CSS grid track: '180px', 'minmax(140px, 2fr)'. */
  readonly width: string;
  /** What the column sorts by; a column without one does not sort. */
  readonly sortValue?: (row: T) => SortValue;
  readonly render: (row: T) => ReactNode;
}

const useStyles = makeStyles({
  // The grid is its own scroller (axe: a scrollable region must be focusable) with a sticky header inside.
  frame: {
    minHeight: 0,
    flex: 1,
    overflowY: 'auto',
    position: 'relative',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    outlineStyle: 'none',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: tokens.strokeWidthThin },
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    height: `${HEADER_HEIGHT}px`,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: {
    display: 'grid',
    columnGap: tokens.spacingHorizontalM,
    alignItems: 'center',
    padding: `0 ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
  },
  body: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    cursor: 'pointer',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, color: tokens.colorNeutralForeground1Hover },
  },
  selected: {
    // Text colour with the background: high contrast selects with a bright fill that needs dark text.
    backgroundColor: tokens.colorNeutralBackground1Selected,
    color: tokens.colorNeutralForeground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected, color: tokens.colorNeutralForeground1Selected },
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorCompoundBrandStroke}`,
  },
  active: { outline: `${tokens.strokeWidthThick} dashed ${tokens.colorStrokeFocus2}`, outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})` },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  headerCell: { minWidth: 0, fontWeight: tokens.fontWeightSemibold, display: 'flex', alignItems: 'center', height: '32px' },
  sortButton: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    border: 'none',
    background: 'none',
    color: 'inherit',
    font: 'inherit',
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalXXS})`,
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/**
 * Scrolls the grid just enough to show row `index` below the sticky header. From the DOM's own sizes, not the
 * virtualizer's: a grid that was hidden (display: none, behind a detail view) has not re-measured yet.
 */
function revealRow(grid: HTMLElement, index: number): void {
  const top = index * ROW_HEIGHT;
  const visible = grid.clientHeight - HEADER_HEIGHT;
  if (visible <= 0 || top < grid.scrollTop) grid.scrollTop = top;
  else if (top + ROW_HEIGHT > grid.scrollTop + visible) grid.scrollTop = top + ROW_HEIGHT - visible;
}

interface RowActions<T> {
  select(row: T): void;
  open(row: T): void;
}

/**
 * One drawn row. Memoized: scrolling draws the rows coming into view and leaves the others alone (their
 * position is absolute, so it does not change as the window moves), which keeps a scroll frame's work small.
 */
interface RowProps<T> {
  readonly row: T;
  readonly index: number;
  readonly top: number;
  readonly id: string;
  readonly selected: boolean;
  readonly active: boolean;
  readonly columns: readonly Column<T>[];
  readonly template: string;
  readonly actions: RowActions<T>;
  readonly data: Record<string, string> | undefined;
}

function sameRow(a: RowProps<unknown>, b: RowProps<unknown>): boolean {
  return a.row === b.row && a.index === b.index && a.top === b.top && a.id === b.id && a.selected === b.selected && a.active === b.active && a.columns === b.columns && a.template === b.template && a.actions === b.actions && sameData(a.data, b.data);
}

const VirtualRow = memo(function VirtualRow<T>(props: RowProps<T>) {
  const styles = useStyles();
  const { row, actions } = props;
  return (
    <div
      id={props.id}
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      className={mergeClasses(styles.row, styles.body, props.selected && styles.selected, props.active && styles.active)}
      style={{ gridTemplateColumns: props.template, height: ROW_HEIGHT, transform: `translateY(${props.top}px)` }}
      onClick={() => {
        actions.select(row);
        actions.open(row);
      }}
      {...props.data}
    >
      {props.columns.map((c) => (
        <div key={c.id} role="gridcell" className={styles.cell}>
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}, sameRow) as <T>(props: RowProps<T>) => ReactNode;

function sameData(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export function VirtualTable<T>(props: {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  sort: SortState | null;
  onSort: (column: string) => void;
  selectedKey: string | null;
  onSelect: (row: T) => void;
  onOpen?: (row: T) => void;
  /** A fixed height (border included, as gridHeight gives it) for a short table inside a page; otherwise the table fills its flex parent. */
  height?: number;
  /** data-* attributes for a row (tests and the e2e harness find rows by them). */
  rowData?: (row: T) => Record<string, string>;
  /**
   * Focus back on the grid: when this changes to a row's key (not on the first render), that row is selected and
   * scrolled into view and the grid takes focus — as on coming back from the row's detail view. null asks nothing.
   */
  focusKey?: string | null;
}) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(false);
  const idBase = useId();
  const { rows, columns } = props;
  const template = columns.map((c) => c.width).join(' ');
  // TanStack's virtualizer returns functions React Compiler must not memoize; this component is not compiled.
  // The rows start below the sticky header (scrollMargin), and scrolling a row into view keeps it out from under it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  // The selected row's index: looked up when the rows or the selection change, not on every scroll frame (10k rows).
  const rowKeyNow = useRef(props.rowKey);
  rowKeyNow.current = props.rowKey;
  const selectedIndex = useMemo(() => (props.selectedKey === null ? -1 : rows.findIndex((r) => rowKeyNow.current(r) === props.selectedKey)), [rows, props.selectedKey]);
  // One object for every row's click, reading the latest callbacks: a new closure per render would redraw every row.
  const latest = useRef({ onSelect: props.onSelect, onOpen: props.onOpen });
  latest.current = { onSelect: props.onSelect, onOpen: props.onOpen };
  const actions = useMemo<RowActions<T>>(() => ({ select: (row) => latest.current.onSelect(row), open: (row) => latest.current.onOpen?.(row) }), []);
  const rowId = (index: number) => `${idBase}-row-${index}`;

  // Only a change asks for focus: a table mounted with a key already set (a list read again) must not steal it.
  const focusAsked = useRef(props.focusKey ?? null);
  useEffect(() => {
    const key = props.focusKey ?? null;
    if (key === focusAsked.current) return;
    focusAsked.current = key;
    const grid = scroller.current;
    if (key === null || !grid) return;
    const index = rows.findIndex((r) => props.rowKey(r) === key);
    if (index >= 0) {
      props.onSelect(rows[index]!);
      revealRow(grid, index);
      // Once more after the next frame: a grid shown again in this same commit (it was display: none behind the
      // detail view) may only then have its size, and the virtualizer its measurements, on a busy machine.
      requestAnimationFrame(() => revealRow(grid, index));
    }
    grid.focus({ preventScroll: true });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the sort buttons are theirs.
    if (event.target !== event.currentTarget) return;
    const selected = rows[selectedIndex];
    if (event.key === 'Enter' && selected && props.onOpen) {
      event.preventDefault();
      props.onOpen(selected);
      return;
    }
    const pageRows = Math.max(1, Math.floor(((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const from = selectedIndex < 0 ? (items[0]?.index ?? 0) - 1 : selectedIndex;
    const to = moveSelection(event.key, from, rows.length, pageRows);
    if (to === null) return;
    event.preventDefault();
    props.onSelect(rows[to]!);
    virtualizer.scrollToIndex(to, { align: 'auto' });
  };

  return (
    <div
      ref={scroller}
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={selectedIndex >= 0 && focused ? rowId(selectedIndex) : undefined}
      tabIndex={0}
      className={styles.frame}
      style={props.height ? { height: props.height, flex: 'none', boxSizing: 'border-box' } : undefined}
      onKeyDown={onKeyDown}
      onFocus={(e) => setFocused(e.target === e.currentTarget)}
      onBlur={() => setFocused(false)}
      data-virtual-table={props.label}
      data-virtual-scroller
    >
      <div role="rowgroup" className={styles.header}>
        <div role="row" aria-rowindex={1} className={styles.row} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => {
            const sorted = props.sort?.column === c.id ? props.sort.direction : undefined;
            return (
              <div key={c.id} role="columnheader" aria-sort={c.sortValue ? (sorted ?? 'none') : undefined} className={styles.headerCell} data-column={c.id}>
                {c.sortValue ? (
                  <button type="button" className={styles.sortButton} onClick={() => props.onSort(c.id)}>
                    {c.header}
                    {sorted === 'ascending' ? <ArrowSortUpRegular aria-hidden="true" /> : null}
                    {sorted === 'descending' ? <ArrowSortDownRegular aria-hidden="true" /> : null}
                  </button>
                ) : (
                  c.header
                )}
              </div>
            );
          })}
        </div>
      </div>
      {/* getTotalSize() is the rows' own height (the header's scrollMargin is not in it): every row inside the
          body, so the scroll height is the same whichever rows are drawn — a grid shown again after display: none
          can scroll to its last row before that row is drawn. */}
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          const isSelected = item.index === selectedIndex;
          return (
            <VirtualRow
              key={props.rowKey(row)}
              row={row}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              id={rowId(item.index)}
              selected={isSelected}
              active={isSelected && focused}
              columns={columns}
              template={template}
              actions={actions}
              data={props.rowData?.(row)}
            />
          );
        })}
      </div>
    </div>
  );
}
