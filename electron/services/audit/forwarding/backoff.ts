// How long the forwarder waits before connecting again: doubling from the first delay up to the ceiling,
// each wait drawn between half and all of it ("equal jitter"), so many machines that lost the same collector
// do not all come back in the same second. Pure; the forwarder runs the wait on its scheduler port.

export interface BackoffPolicy {
  readonly firstMs: number;
  readonly maxMs: number;
}

/** The wait before attempt `attempt` (1 = the first retry); `random` in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
