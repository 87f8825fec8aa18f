// Loads one value through window.airlock and tracks loading / ready / error for the view.
import { useCallback, useEffect, useState } from 'react';
import type { IpcResult } from '../../shared/contract/result';
import type { AirlockError } from '../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from './airlock-client';

export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'error'; readonly error: AirlockError };

export function useAirlockQuery<T>(load: () => Promise<IpcResult<T>>): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    let live = true;
    // Promise.resolve().then(load): a load that throws synchronously (no bridge at all) becomes an error state.
    unwrap(Promise.resolve().then(load)).then(
      (value) => live && setState({ status: 'ready', value }),
      (thrown: unknown) => live && setState({ status: 'error', error: asAirlockError(thrown) }),
    );
    return () => {
      live = false;
    };
    // `load` is expected to be stable (a window.airlock method); reloads go through `generation`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [generation]);

  return { ...state, reload };
}
