// The manager's timing knobs and their defaults: how long a connect may take, how often a route is probed and
// what counts as slow, how many failed probes make a drop, and how reconnects back off.

export interface RouteTiming {
  readonly connectTimeoutMs: number;
  readonly probeIntervalMs: number;
  readonly probeTimeoutMs: number;
  /** A probe slower than this marks the route degraded. */
  readonly slowProbeMs: number;
  /** This many failed probes in a row are treated as a drop (the VPN has no session that could tell us). */
  readonly failedProbesBeforeDrop: number;
  readonly reconnectInitialMs: number;
  readonly reconnectMaxMs: number;
  readonly reconnectJitter: number;
  /** After this many failed reconnect attempts the route is `failed` until someone connects it again. */
  readonly maxReconnectAttempts: number;
}

export const DEFAULT_ROUTE_TIMING: RouteTiming = {
  connectTimeoutMs: 30_000,
  probeIntervalMs: 15_000,
  probeTimeoutMs: 5_000,
  slowProbeMs: 1_000,
  failedProbesBeforeDrop: 3,
  reconnectInitialMs: 1_000,
  reconnectMaxMs: 30_000,
  reconnectJitter: 0.2,
  maxReconnectAttempts: 10,
};
