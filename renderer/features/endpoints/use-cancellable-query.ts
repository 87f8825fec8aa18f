// A read from ARM the user can stop waiting for: loading (with how long it has waited, so a slow ARM shows
// progress), ready, error, or cancelled. Cancel stops waiting and throws the answer away when it comes; main
// bounds the call itself (deadline, page cap). A cancelled read is said as such, never shown as an empty list.
import { useCallback, useEffect, useState } from 'react';
import type { IpcResult } from '../../../shared/contract/result';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';

export type CancellableState<T> =
  | { readonly status: 'loading'; readonly waitedSeconds: number }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: AirlockError }
  | { readonly status: 'cancelled' };

export type CancellableQuery<T> = CancellableState<T> & { reload: () => void; cancel: () => void };

/** `load` is read once per (re)load: key the component by what it loads (a workspace, an endpoint) to load another. */
export function useCancellableQuery<T>(load: () => Promise<IpcResult<T>>): CancellableQuery<T> {
  const [state, setState] = useState<CancellableState<T>>({ status: 'loading', waitedSeconds: 0 });
  const [generation, setGeneration] = useState(0);
  const [cancelled, setCancelled] = useState(-1);

  useEffect(() => {
    if (cancelled === generation) return;
    let live = true;
    const started = Date.now();
    // Whole seconds waited, for the progress line; display only (nothing decides on it).
    const ticker = setInterval(() => live && setState((s) => (s.status === 'loading' ? { status: 'loading', waitedSeconds: Math.floor((Date.now() - started) / 1000) } : s)), 1000);
    unwrap(Promise.resolve().then(load))
      .then(
        (value) => live && setState({ status: 'ready', value }),
        (thrown: unknown) => live && setState({ status: 'error', error: asAirlockError(thrown) }),
      )
      .finally(() => clearInterval(ticker));
    return () => {
      live = false;
      clearInterval(ticker);
    };
    // `load` is fixed for the component's life (see above); reloads go through `generation`, Cancel through `cancelled`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation, cancelled]);

  const reload = useCallback(() => {
    setState({ status: 'loading', waitedSeconds: 0 });
    setCancelled(-1);
    setGeneration((g) => g + 1);
  }, []);
  const cancel = useCallback(() => {
    setCancelled(generation);
    setState({ status: 'cancelled' });
  }, [generation]);
  return { ...state, reload, cancel };
}
