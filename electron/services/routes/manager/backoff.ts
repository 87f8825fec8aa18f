// How long a dropped route waits before its next reconnect attempt: exponential from `initialMs`, capped at
// `maxMs`, then spread by ±jitter so many clients that lost the same jump host do not return in step.

export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
  /** 0.2 = ±20 %. */
  readonly jitter: number;
}

/** `attempt` counts from 1; `random` is in [0, 1] (Math.random in the app, fixed in tests). */
export function reconnectDelayMs(attempt: number, { initialMs, maxMs, jitter }: BackoffSettings, random: () => number): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const spread = 1 - jitter + 2 * jitter * Math.min(1, Math.max(0, random()));
  return Math.round(Math.min(maxMs, base * spread));
}
