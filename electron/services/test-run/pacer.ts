// Pacing for a test run's optional rate: starts are spaced 1000/rate ms apart on the injected clock (a token
// bucket of one token, so no burst after a pause: "at most R per second" holds over any window). Slots are
// handed out in call order, so C workers asking at once get consecutive slots. Tests drive it with a fake clock
// and scheduler; nothing here reads the wall clock.
import type { Scheduler } from '../ports';

export interface Pacer {
  /** Resolves when the caller may start its next request (at once when there is no rate); early when `stop` aborts. */
  wait(stop: AbortSignal): Promise<void>;
}

/** Resolves after `ms` on `scheduler`, or as soon as `stop` aborts (never rejects). */
export function sleep(scheduler: Scheduler, ms: number, stop: AbortSignal): Promise<void> {
  if (stop.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stop.removeEventListener('abort', done);
      task.cancel();
      resolve();
    };
    const task = scheduler.schedule(Math.max(0, ms), done);
    stop.addEventListener('abort', done, { once: true });
  });
}

export function createPacer(ratePerSecond: number | null, now: () => number, scheduler: Scheduler): Pacer {
  if (ratePerSecond === null) return { wait: () => Promise.resolve() };
  const intervalMs = 1000 / ratePerSecond;
  let nextAt = -Infinity;
  return {
    wait(stop) {
      const at = now();
      // A slot never lies in the past: time the run could not use (every worker busy) is not saved up as a burst.
      const slot = Math.max(at, nextAt);
      nextAt = slot + intervalMs;
      return slot > at ? sleep(scheduler, slot - at, stop) : Promise.resolve();
    },
  };
}

/**
 * Timers that keep the process alive (setTimeout, not unref'd like the system scheduler's): a CLI run waiting
 * out its pacing or a route back-off must not end because nothing else holds the event loop.
 */
export const keepAliveScheduler: Scheduler = {
  schedule(delayMs, run) {
    const timer = setTimeout(run, delayMs);
    return { cancel: () => clearTimeout(timer) };
  },
};
