// The active environment's routes as main last said: route.list once (and again when the account changes or an
// event names another environment), then every route.state push merged in — nothing polls. Shared by the
// Connections screen and the status bar. Holds display data only (the route status carries no secret).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { RouteListEntry, RouteStatusView } from '../../../shared/contract/schemas/route';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useSession } from '../session/session-context';

export type RoutesState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly environmentId: string; readonly routes: readonly RouteListEntry[] }
  | { readonly status: 'error'; readonly error: AirlockError };

interface RoutesContextValue {
  readonly state: RoutesState;
  readonly reload: () => void;
  /** Puts a status main answered (route.connect / route.disconnect) in place, like a push would. */
  readonly apply: (status: RouteStatusView) => void;
}

const RoutesContext = createContext<RoutesContextValue>({ state: { status: 'loading' }, reload: () => undefined, apply: () => undefined });

/** A status for a route the list has: keeps the list's allowed/why (a push does not carry them). */
function merged(state: RoutesState, status: RouteStatusView): RoutesState | 'reload' {
  if (state.status !== 'ready') return state;
  if (status.environmentId !== state.environmentId) return 'reload';
  if (!state.routes.some((r) => r.via === status.via)) return 'reload';
  return { ...state, routes: state.routes.map((r) => (r.via === status.via ? { ...r, ...status } : r)) };
}

export function RoutesProvider(props: { children: ReactNode }) {
  const { version } = useSession();
  const [state, setState] = useState<RoutesState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let live = true;
    unwrap(Promise.resolve().then(() => window.airlock.route.list())).then(
      (list) => live && setState({ status: 'ready', environmentId: list.environmentId, routes: list.routes }),
      (thrown: unknown) => live && setState({ status: 'error', error: asAirlockError(thrown) }),
    );
    return () => {
      live = false;
    };
  }, [generation, version]);

  // The latest state for apply(), which runs from a push listener (a ref, so one listener lives for the screen).
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  }, [state]);
  const apply = useCallback(
    (status: RouteStatusView) => {
      const next = merged(current.current, status);
      if (next === 'reload') return reload();
      current.current = next;
      setState(next);
    },
    [reload],
  );

  useEffect(() => window.airlock.route.onState(apply), [apply]);

  return <RoutesContext.Provider value={{ state, reload, apply }}>{props.children}</RoutesContext.Provider>;
}

export function useRoutes(): RoutesContextValue {
  return useContext(RoutesContext);
}
