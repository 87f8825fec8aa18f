// The audit records as a virtualized list box: only the rows on screen are in the DOM, and rows are fetched a
// page at a time as the user nears either end (use-audit-records.ts), so a 1M-record trail scrolls like a
// short one. Keyboard: the list is one tab stop; arrows, Page Up/Down, Home/End move the selection (the
// detail pane follows). Must never render all records, and never move the rows under the user's eyes when a
// page is added or dropped above them.
import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { AuditRecordView } from './audit-types';
import type { AuditWindow } from './audit-window';
import type { Shift } from './use-audit-records';
import { zoneText } from '../../components/time-text';
import { recordResult, recordTime, recordWho, shortResource } from './record-display';

export const ROW_HEIGHT = 32;
/** Rows from either end at which the next page is asked for. */
const PREFETCH_ROWS = 40;

const COLUMNS = '150px minmax(120px, 1fr) minmax(150px, 1.6fr) minmax(110px, 1fr) 90px';

const useStyles = makeStyles({
  frame: { display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  header: {
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  scroller: {
    flex: 1,
    minHeight: 0,
    overflowY: 'auto',
    position: 'relative',
    outlineStyle: 'none',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})` },
  },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    boxSizing: 'border-box',
    display: 'grid',
    gridTemplateColumns: COLUMNS,
    columnGap: tokens.spacingHorizontalM,
    alignItems: 'center',
    padding: `0 ${tokens.spacingHorizontalM}`,
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
  active: { outline: `${tokens.strokeWidthThin} dashed ${tokens.colorStrokeFocus2}`, outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})` },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  edge: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, color: tokens.colorNeutralForeground3 },
});

export function AuditList(props: {
  window: AuditWindow;
  shift: Shift;
  busy: boolean;
  selected: AuditRecordView | null;
  focused: boolean;
  onSelect: (record: AuditRecordView) => void;
  onNearOlder: () => void;
  onNearNewer: () => void;
  onFocusChange: (focused: boolean) => void;
}) {
  const styles = useStyles();
  const { rows } = props.window;
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack's virtualizer returns functions React Compiler must not memoize; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();

  // Rows were added or dropped above the view: scroll by as much, so what the user looks at stays in place.
  // After a jump to the oldest records, show the last row (the oldest) instead.
  useLayoutEffect(() => {
    if (props.shift.to === 'end') virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    else if (props.shift.rows !== 0 && scroller.current) scroller.current.scrollTop += props.shift.rows * ROW_HEIGHT;
    // Only when a new change arrives (its id), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.shift]);

  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items.at(-1)?.index ?? -1;
  const { onNearOlder, onNearNewer, busy } = props;
  useEffect(() => {
    if (busy || rows.length === 0) return;
    if (props.window.hasOlder && lastIndex >= rows.length - PREFETCH_ROWS) onNearOlder();
    else if (props.window.hasNewer && firstIndex <= PREFETCH_ROWS) onNearNewer();
  }, [firstIndex, lastIndex, rows.length, busy, props.window.hasOlder, props.window.hasNewer, onNearOlder, onNearNewer]);

  const selectedIndex = props.selected ? rows.findIndex((r) => r.seq === props.selected!.seq) : -1;
  const move = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    const record = rows[target];
    if (!record) return;
    props.onSelect(record);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const from = selectedIndex < 0 ? firstIndex - 1 : selectedIndex;
    const to = { ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + pageRows, PageUp: from - pageRows, Home: 0, End: rows.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    move(to);
  };

  return (
    <div className={styles.frame}>
      <div className={styles.header} aria-hidden="true">
        <span>{`Time (${zoneText()})`}</span>
        <span>Action</span>
        <span>Resource</span>
        <span>Account</span>
        <span>Result</span>
      </div>
      {props.window.hasNewer ? <div className={styles.edge}>Newer records above…</div> : null}
      <div
        ref={scroller}
        className={styles.scroller}
        role="listbox"
        aria-label="Audit records"
        tabIndex={0}
        aria-activedescendant={selectedIndex >= 0 ? `audit-row-${rows[selectedIndex]!.seq}` : undefined}
        aria-busy={props.busy}
        onKeyDown={onKeyDown}
        onFocus={() => props.onFocusChange(true)}
        onBlur={() => props.onFocusChange(false)}
        data-audit-list
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const record = rows[item.index]!;
            const result = recordResult(record);
            const isSelected = item.index === selectedIndex;
            return (
              <div
                key={record.seq}
                id={`audit-row-${record.seq}`}
                role="option"
                aria-selected={isSelected}
                aria-label={`${recordTime(record.time)}, ${record.action}, ${record.resource}, ${recordWho(record)}, ${result.text}`}
                className={mergeClasses(styles.row, isSelected && styles.selected, isSelected && props.focused && styles.active)}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => props.onSelect(record)}
                data-audit-seq={record.seq}
                data-audit-action={record.action}
              >
                <span className={styles.cell}>{recordTime(record.time)}</span>
                <span className={mergeClasses(styles.cell, styles.mono)}>{record.action}</span>
                <span className={mergeClasses(styles.cell, styles.mono)} title={record.resource}>
                  {shortResource(record.resource)}
                </span>
                <span className={styles.cell}>{recordWho(record)}</span>
                <span className={styles.cell} title={result.text}>
                  <Badge appearance="tint" color={result.tone} size="small">
                    {result.badge}
                  </Badge>
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {props.window.hasOlder ? <div className={styles.edge}>{props.busy ? 'Loading older records…' : 'Older records below…'}</div> : null}
    </div>
  );
}
