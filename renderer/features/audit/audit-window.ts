// The Audit screen's window over the trail: the records currently held, newest first, joined from keyset pages
// (audit.list with before/after). It never holds more than MAX_ROWS, so scrolling a 1M-record trail keeps memory
// and rendering flat; what is dropped at one end is fetched again when the user scrolls back to it.
// Pure functions: the list component applies `shift` (rows added or removed above the view) to its scroll position
// so the rows on screen stay put. Must never reorder records or invent gaps.
import type { AuditListView, AuditRecordView } from './audit-types';

/** Five pages of 200: far more than a screen, small enough to render and keep. */
export const MAX_ROWS = 1000;

export interface AuditWindow {
  readonly rows: readonly AuditRecordView[];
  /** Older records match beyond the last row (fetch with before: last seq). */
  readonly hasOlder: boolean;
  /** Newer records match before the first row (fetch with after: first seq). */
  readonly hasNewer: boolean;
}

export const EMPTY_WINDOW: AuditWindow = { rows: [], hasOlder: false, hasNewer: false };

export interface WindowChange {
  readonly window: AuditWindow;
  /** Rows added (+) or removed (-) above the current first row: scroll by shift × row height to stay put. */
  readonly shift: number;
}

export function withFirstPage(page: AuditListView): AuditWindow {
  return { rows: page.records.slice(0, MAX_ROWS), hasOlder: page.hasOlder || page.records.length > MAX_ROWS, hasNewer: page.hasNewer };
}

/** A page of older records (before the last row) appended below; the newest rows dropped past MAX_ROWS. */
export function withOlder(current: AuditWindow, page: AuditListView): WindowChange {
  const last = current.rows.at(-1)?.seq ?? Number.POSITIVE_INFINITY;
  const rows = [...current.rows, ...page.records.filter((r) => r.seq < last)];
  const drop = Math.max(0, rows.length - MAX_ROWS);
  return {
    window: { rows: rows.slice(drop), hasOlder: page.hasOlder, hasNewer: current.hasNewer || drop > 0 },
    shift: drop === 0 ? 0 : -drop,
  };
}

/** A page of newer records (after the first row) prepended above; the oldest rows dropped past MAX_ROWS. */
export function withNewer(current: AuditWindow, page: AuditListView): WindowChange {
  const first = current.rows[0]?.seq ?? Number.NEGATIVE_INFINITY;
  const added = page.records.filter((r) => r.seq > first);
  const rows = [...added, ...current.rows];
  const keep = Math.min(rows.length, MAX_ROWS);
  return {
    window: { rows: rows.slice(0, keep), hasOlder: current.hasOlder || keep < rows.length, hasNewer: page.hasNewer },
    shift: added.length,
  };
}
