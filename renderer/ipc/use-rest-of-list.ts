// The rest of a list shown first-rows-first: a screen asks main for the first rows (one ARM page or so, at
// once) and shows them, then asks for the whole list (ARM's every page: seconds for a 10k workspace, minutes
// on a slow ARM) and shows that when it comes. Stop keeps the first rows, said as such; a failure keeps them
// too, with the error. A new first answer (a reload, another workspace) starts over.
import { useCallback, useEffect, useState } from 'react';
import type { IpcResult } from '../../shared/contract/result';
import type { AirlockError } from '../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from './airlock-client';

/** What a first-rows read asks for: a screenful and more, one ARM page in most workspaces. */
export const FIRST_ROWS = 100;

export type RestOfList<T> =
  /** Nothing more to read: the first answer was the whole list (or there is none yet). */
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: AirlockError }
  | { readonly status: 'stopped' };

export function useRestOfList<T extends { readonly complete: boolean }>(
  first: T | null,
  loadAll: () => Promise<IpcResult<T>>,
): RestOfList<T> & { stop: () => void; retry: () => void } {
  // What came for which first answer and attempt; anything older is not this read's (derived, not reset in the effect).
  const [settled, setSettled] = useState<{ first: T; attempt: number; state: RestOfList<T> } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const needed = first !== null && !first.complete;

  useEffect(() => {
    if (!needed) return;
    let live = true;
    const settle = (state: RestOfList<T>) => live && setSettled((s) => (s?.first === first && s.attempt === attempt ? s : { first, attempt, state }));
    unwrap(Promise.resolve().then(loadAll)).then(
      (value) => settle({ status: 'ready', value }),
      (thrown: unknown) => settle({ status: 'error', error: asAirlockError(thrown) }),
    );
    return () => {
      live = false;
    };
    // `loadAll` is fixed for the component's life (a window.airlock method for one workspace); a new first
    // answer or a retry starts the read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, needed, attempt]);

  const current = needed && settled?.first === first && settled.attempt === attempt ? settled.state : null;
  const state: RestOfList<T> = !needed ? { status: 'none' } : (current ?? { status: 'loading' });
  // Stop: the answer, when it comes, is thrown away (the first rows stay, said as such).
  const stop = useCallback(() => {
    if (first !== null) setSettled((s) => (s?.first === first && s.attempt === attempt ? s : { first, attempt, state: { status: 'stopped' } }));
  }, [first, attempt]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, stop, retry };
}

/** The rows to show: the whole list once it came, else the first rows. */
export function rowsOf<T extends { readonly complete: boolean }>(first: T, rest: RestOfList<T>): T {
  return rest.status === 'ready' ? rest.value : first;
}
