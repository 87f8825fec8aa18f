// The route manager: every private route of every environment as a managed connection (see managed-route.ts),
// the statuses the Connections screen, status bar and `airlock route list` show, a listener for each change (the
// push channel carries it), and the one question data-plane callers ask: which up route may carry this request?
// The answer is an up route the caller allows, or E_ROUTE_DOWN — never a public path, never a route not allowed.
import type { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Clock, Logger, Scheduler } from '../../ports';
import { silentLogger } from '../../ports';
import { ROUTE_VIAS, type RouteConnection, type RouteDriver, type RouteStatus, type RouteVia } from '../route-types';
import { createManagedRoute, type ManagedRoute } from './managed-route';
import { DEFAULT_ROUTE_TIMING, type RouteTiming } from './route-timing';
import { noRouteUp } from './route-words';

export interface RouteManagerOptions {
  /** The driver for an environment's route, asked at each connect; null when the environment offers no such route. */
  readonly driverFor: (environmentId: string, via: RouteVia) => RouteDriver | null;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** In [0, 1]; spreads reconnects (Math.random unless a test fixes it). */
  readonly random?: () => number;
  readonly logger?: Logger;
  readonly timing?: Partial<RouteTiming>;
}

export type RouteStatusListener = (status: RouteStatus) => void;

export interface RouteManager {
  /** Opens the route (or returns its status when up); rejects with the driver's typed error, the status keeps it. */
  connect(environmentId: string, via: RouteVia): Promise<RouteStatus>;
  /** Closes the route and stops any reconnect; `off` afterwards, with `because` (if given) as its last error. */
  disconnect(environmentId: string, via: RouteVia, because?: AirlockError): Promise<RouteStatus>;
  /** One route's status (`off` for a route never used; asking does not add it to statuses()). */
  status(environmentId: string, via: RouteVia): RouteStatus;
  /** Every route used so far, optionally of one environment, in environment then vpn/jump/bastion order. */
  statuses(environmentId?: string): RouteStatus[];
  /** Called with each status change (state, round trip, error, reconnect); returns the unsubscribe. */
  onStatus(listener: RouteStatusListener): () => void;
  /**
   * The route to carry a request: the first up one among `allowedVias` (the environment's and policy's, in
   * preference order), else the first degraded one; otherwise E_ROUTE_DOWN. `host` only names it in the error.
   */
  connection(environmentId: string, allowedVias: readonly RouteVia[], host?: string): RouteConnection;
  /** Disconnects every route (sign-out, idle lock, quit). */
  closeAll(): Promise<void>;
}

export function createRouteManager(options: RouteManagerOptions): RouteManager {
  const timing: RouteTiming = { ...DEFAULT_ROUTE_TIMING, ...options.timing };
  const routes = new Map<string, ManagedRoute>();
  const listeners = new Set<RouteStatusListener>();
  const logger = options.logger ?? silentLogger;
  // Looked up on every data-plane request: the via (a fixed word without NUL) first, so the key is unambiguous.
  const keyOf = (environmentId: string, via: RouteVia) => `${via}\u0000${environmentId}`;
  const emit = (status: RouteStatus) => {
    for (const listener of [...listeners]) {
      try {
        listener(status);
      } catch {
        logger.log('warn', 'route.listenerFailed', { via: status.via });
      }
    }
  };
  const fresh = (environmentId: string, via: RouteVia): ManagedRoute =>
    createManagedRoute({
      environmentId,
      via,
      driverFor: () => options.driverFor(environmentId, via),
      clock: options.clock,
      scheduler: options.scheduler,
      random: options.random ?? Math.random,
      timing,
      logger,
      emit,
    });
  const routeOf = (environmentId: string, via: RouteVia): ManagedRoute => {
    const key = keyOf(environmentId, via);
    const route = routes.get(key) ?? fresh(environmentId, via);
    routes.set(key, route);
    return route;
  };
  const ordered = () =>
    [...routes.values()]
      .map((route) => route.status())
      .sort((a, b) => a.environmentId.localeCompare(b.environmentId) || ROUTE_VIAS.indexOf(a.via) - ROUTE_VIAS.indexOf(b.via));

  return {
    connect: (environmentId, via) => routeOf(environmentId, via).connect(),
    disconnect: (environmentId, via, because) => routeOf(environmentId, via).disconnect(because),
    // Asking is not using: a route nobody connected stays out of statuses().
    status: (environmentId, via) => (routes.get(keyOf(environmentId, via)) ?? fresh(environmentId, via)).status(),
    statuses: (environmentId) => ordered().filter((status) => environmentId === undefined || status.environmentId === environmentId),
    onStatus(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    connection(environmentId, allowedVias, host) {
      // The first allowed route that is up, else the first that is open (degraded); no arrays per request.
      let open: RouteConnection | null = null;
      for (const via of allowedVias) {
        const route = routes.get(keyOf(environmentId, via));
        const connection = route?.connection();
        if (!route || !connection) continue;
        if (route.state() === 'up') return connection;
        open ??= connection;
      }
      if (!open) throw noRouteUp(allowedVias, host);
      return open;
    },
    async closeAll() {
      await Promise.all([...routes.values()].map((route) => route.disconnect()));
    },
  };
}
