// Loads the Audit screen's records through audit.list, one keyset page at a time: the newest page for a filter,
// then older or newer pages as the user scrolls (see audit-window.ts), or the oldest page on request. Answers
// that arrive after the filter changed are dropped. Never asks for everything; never loads two pages at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import type { AuditFilterView, AuditListView } from './audit-types';
import { EMPTY_WINDOW, withFirstPage, withNewer, withOlder, type AuditWindow } from './audit-window';

export const PAGE_SIZE = 200;

export type RecordsState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly window: AuditWindow }
  | { readonly status: 'error'; readonly error: AirlockError };

export interface AuditRecords {
  readonly state: RecordsState;
  /** Rows added (+) / removed (-) above the view by the last change; the list scrolls by it once (or to the end). */
  readonly shift: Shift;
  readonly busy: boolean;
  /** A failure loading more (the rows already shown stay). */
  readonly moreError: AirlockError | null;
  readonly loadOlder: () => void;
  readonly loadNewer: () => void;
  /** Start again from the newest (or the oldest) matching record. */
  readonly jump: (to: 'newest' | 'oldest') => void;
}

export interface Shift {
  readonly rows: number;
  readonly id: number;
  /** 'end': show the last row (the oldest) instead, after a jump to the oldest records. */
  readonly to?: 'end';
}

type Loaded = { readonly filter: AuditFilterView; readonly state: RecordsState };

export function useAuditRecords(filter: AuditFilterView): AuditRecords {
  // The state belongs to the filter it was loaded for; a newer filter reads as loading until its page arrives.
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [shift, setShift] = useState<Shift>({ rows: 0, id: 0 });
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<AirlockError | null>(null);
  const generation = useRef(0);
  const busyRef = useRef(false);
  const windowRef = useRef<AuditWindow>(EMPTY_WINDOW);

  /** Asks for one page; `first` starts a new generation (older answers are then ignored). No state set here. */
  const request = useCallback(
    (page: { before?: number; after?: number }, first: boolean): { mine: number; pending: Promise<AuditListView> } => {
      const mine = first ? ++generation.current : generation.current;
      busyRef.current = true;
      return { mine, pending: unwrap(window.airlock.audit.list({ filter, ...page, limit: PAGE_SIZE })) };
    },
    [filter],
  );

  const settle = useCallback((mine: number) => {
    if (mine !== generation.current) return false;
    busyRef.current = false;
    setBusy(false);
    return true;
  }, []);

  const showWindow = useCallback(
    (window: AuditWindow, rows: number, to?: 'end') => {
      windowRef.current = window;
      setLoaded({ filter, state: { status: 'ready', window } });
      setShift((s) => ({ rows, id: s.id + 1, ...(to ? { to } : {}) }));
    },
    [filter],
  );

  const first = useCallback(
    (page: { after?: number }) => {
      const { mine, pending } = request(page, true);
      pending.then(
        (answer) => settle(mine) && showWindow(withFirstPage(answer), 0, page.after === 0 ? 'end' : undefined),
        (thrown: unknown) => settle(mine) && setLoaded({ filter, state: { status: 'error', error: asAirlockError(thrown) } }),
      );
    },
    [request, settle, showWindow, filter],
  );

  useEffect(() => first({}), [first]);

  const jump = useCallback(
    (to: 'newest' | 'oldest') => {
      setLoaded({ filter, state: { status: 'loading' } });
      setMoreError(null);
      setBusy(true);
      first(to === 'oldest' ? { after: 0 } : {});
    },
    [first, filter],
  );

  const more = useCallback(
    (page: { before?: number; after?: number }, apply: (answer: AuditListView) => void) => {
      if (busyRef.current) return;
      setBusy(true);
      setMoreError(null);
      const { mine, pending } = request(page, false);
      pending.then(
        (answer) => settle(mine) && apply(answer),
        (thrown: unknown) => settle(mine) && setMoreError(asAirlockError(thrown)),
      );
    },
    [request, settle],
  );

  const loadOlder = useCallback(() => {
    const last = windowRef.current.rows.at(-1);
    if (!windowRef.current.hasOlder || !last) return;
    more({ before: last.seq }, (answer) => {
      const change = withOlder(windowRef.current, answer);
      showWindow(change.window, change.shift);
    });
  }, [more, showWindow]);

  const loadNewer = useCallback(() => {
    const top = windowRef.current.rows[0];
    if (!windowRef.current.hasNewer || !top) return;
    more({ after: top.seq }, (answer) => {
      const change = withNewer(windowRef.current, answer);
      showWindow(change.window, change.shift);
    });
  }, [more, showWindow]);

  const state: RecordsState = loaded && loaded.filter === filter ? loaded.state : { status: 'loading' };
  return { state, shift, busy, moreError, loadOlder, loadNewer, jump };
}
