// The Audit screen's window over the trail: keyset pages joined newest first, never more than MAX_ROWS kept
// (a 1M-record trail is never loaded whole), and the scroll shift that keeps the rows in view still.
import { describe, expect, it } from 'vitest';
import { EMPTY_WINDOW, MAX_ROWS, withFirstPage, withNewer, withOlder } from '../../../../renderer/features/audit/audit-window';
import type { AuditRecordView } from '../../../../renderer/features/audit/audit-types';

const record = (seq: number): AuditRecordView => ({
  seq,
  time: new Date(Date.UTC(2026, 11, 3, 8, 0, seq % 60)).toISOString(),
  kind: 'decision',
  correlationId: `c-${seq}`,
  action: 'app.info',
  resource: 'app:airlock',
  accountId: null,
  username: null,
  tenantId: null,
  environmentId: null,
});
/** Seqs from..to (newest first, as audit.list answers). */
const page = (from: number, to: number, more: { hasOlder?: boolean; hasNewer?: boolean } = {}) => ({
  records: Array.from({ length: from - to + 1 }, (_, i) => record(from - i)),
  hasOlder: more.hasOlder ?? false,
  hasNewer: more.hasNewer ?? false,
});

describe('audit list window', () => {
  it('starts from the first page as answered', () => {
    const w = withFirstPage(page(1_000_000, 999_801, { hasOlder: true }));
    expect(w.rows.map((r) => r.seq).slice(0, 2)).toEqual([1_000_000, 999_999]);
    expect(w).toMatchObject({ hasOlder: true, hasNewer: false });
    expect(EMPTY_WINDOW.rows).toHaveLength(0);
  });

  it('appends older pages below and keeps at most MAX_ROWS, dropping the newest and shifting the scroll up', () => {
    let w = withFirstPage(page(1_000_000, 999_801, { hasOlder: true }));
    let seq = 999_800;
    let shifted = 0;
    for (let i = 0; i < 20; i++) {
      const next = withOlder(w, page(seq, seq - 199, { hasOlder: true }));
      w = next.window;
      shifted += next.shift;
      seq -= 200;
    }
    expect(w.rows.length).toBe(MAX_ROWS);
    expect(w.rows.at(-1)!.seq).toBe(seq + 1);
    expect(w.hasNewer).toBe(true); // dropped rows can be fetched again
    expect(w.hasOlder).toBe(true);
    expect(shifted).toBe(-(21 * 200 - MAX_ROWS)); // the rows removed above the view
    const seqs = w.rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a)); // still newest first, no gaps
    expect(seqs[0]! - seqs.at(-1)!).toBe(MAX_ROWS - 1);
  });

  it('prepends newer pages above, dropping the oldest, shifting the scroll down by the rows added', () => {
    const start = withFirstPage(page(5_000, 4_001, { hasOlder: true, hasNewer: true }));
    const next = withNewer(start, page(5_200, 5_001, { hasNewer: true }));
    expect(next.shift).toBe(200);
    expect(next.window.rows[0]!.seq).toBe(5_200);
    expect(next.window.rows.length).toBe(MAX_ROWS);
    expect(next.window.rows.at(-1)!.seq).toBe(4_201);
    expect(next.window).toMatchObject({ hasOlder: true, hasNewer: true });
  });

  it('ignores records it already holds (a page racing a new record)', () => {
    const start = withFirstPage(page(10, 1));
    const next = withNewer(start, page(12, 9));
    expect(next.window.rows.map((r) => r.seq)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(next.shift).toBe(2);
    const older = withOlder(start, page(3, 1));
    expect(older.window.rows).toHaveLength(10);
    expect(older.shift).toBe(0);
  });
});
