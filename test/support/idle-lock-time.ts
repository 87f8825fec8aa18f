// Time for the idle lock, moved by the test: a scheduler whose tasks run when the test says so, and a clock
// whose monotonic time (what the idle lock measures) the test moves on. Wall time stays real: the sandbox
// IdP and MSAL check token lifetimes against it.
import type { Clock, Scheduler } from '../../electron/services/ports';

/** Just past the 15-minute idle lock. */
export const PAST_IDLE_LOCK_MS = 16 * 60_000;

export interface IdleLockTime {
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  /** Moves monotonic time on (by default past the idle lock) and runs every task scheduled so far. */
  idleFor(ms?: number): void;
}

export function createIdleLockTime(): IdleLockTime {
  const pending: Array<() => void> = [];
  let monotonicOffset = 0;
  return {
    scheduler: {
      schedule(_delayMs, run) {
        pending.push(run);
        return { cancel: () => void (pending.includes(run) && pending.splice(pending.indexOf(run), 1)) };
      },
    },
    clock: { now: () => new Date(), monotonicMs: () => performance.now() + monotonicOffset },
    idleFor(ms = PAST_IDLE_LOCK_MS) {
      monotonicOffset += ms;
      pending.splice(0).forEach((run) => run());
    },
  };
}
