// One endpoint's history, newest first: the first page when the endpoint or `refreshKey` changes (a send that
// was just kept), older pages on demand, and entries dropped locally once deleted. An answer for an older
// request (another endpoint, an earlier refresh) is ignored.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryEntrySummary, HistoryList } from '../../../shared/contract/schemas/history';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useStepUp } from '../session/step-up';

const PAGE = 100;

export type HistoryListState =
  | { status: 'loading' }
  | { status: 'error'; error: AirlockError }
  | { status: 'ready'; entries: readonly HistoryEntrySummary[]; meta: Omit<HistoryList, 'entries'>; loadingOlder: boolean };

export function useHistoryList(workspaceId: string, endpointName: string, refreshKey: unknown) {
  const withStepUp = useStepUp();
  // Keyed by endpoint: rows of another endpoint are never shown as this one's. A refresh of the same endpoint
  // keeps its rows on screen until the new page arrives (no flash of "loading" after every send).
  const listKey = `${workspaceId}|${endpointName}`;
  const [answered, setAnswered] = useState<{ key: string; state: HistoryListState }>({ key: '', state: { status: 'loading' } });
  const state = useMemo<HistoryListState>(() => (answered.key === listKey ? answered.state : { status: 'loading' }), [answered, listKey]);
  const setState = useCallback(
    (next: HistoryListState | ((s: HistoryListState) => HistoryListState)) =>
      setAnswered((a) => ({ key: listKey, state: typeof next === 'function' ? next(a.key === listKey ? a.state : { status: 'loading' }) : next })),
    [listKey],
  );
  const [generation, setGeneration] = useState(0);
  const request = useRef(0);

  useEffect(() => {
    const mine = ++request.current;
    unwrap(withStepUp(() => window.airlock.history.list({ workspaceId, endpointName, limit: PAGE }))).then(
      ({ entries, ...meta }) => mine === request.current && setState({ status: 'ready', entries, meta, loadingOlder: false }),
      (thrown: unknown) => mine === request.current && setState({ status: 'error', error: asAirlockError(thrown) }),
    );
  }, [workspaceId, endpointName, refreshKey, generation, withStepUp, setState]);

  const loadOlder = useCallback(() => {
    if (state.status !== 'ready' || state.meta.nextBefore === null || state.loadingOlder) return;
    const mine = request.current;
    const before = state.meta.nextBefore;
    setState({ ...state, loadingOlder: true });
    unwrap(withStepUp(() => window.airlock.history.list({ workspaceId, endpointName, limit: PAGE, before }))).then(
      ({ entries, ...meta }) =>
        mine === request.current &&
        setState((s) => {
          if (s.status !== 'ready') return s;
          const known = new Set(s.entries.map((e) => e.id));
          return { status: 'ready', entries: [...s.entries, ...entries.filter((e) => !known.has(e.id))], meta, loadingOlder: false };
        }),
      (thrown: unknown) => mine === request.current && setState({ status: 'error', error: asAirlockError(thrown) }),
    );
  }, [state, setState, withStepUp, workspaceId, endpointName]);

  const forget = useCallback((id: string) => setState((s) => (s.status === 'ready' ? { ...s, entries: s.entries.filter((e) => e.id !== id) } : s)), [setState]);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, [setState]);
  return { state, loadOlder, forget, reload };
}
