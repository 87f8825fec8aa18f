// Progress pushes at most once per `everyMs` of the injected clock: a change inside the window is pushed when
// the window ends (one trailing push), so the last state is never left unsaid and a 10k-request run pushes a few
// events a second, not 10k. The start and the end are pushed by the caller with `now()`, whatever the window.
import type { ScheduledTask, Scheduler } from '../ports';

export interface ProgressThrottle {
  /** Something changed: push now if the window allows, else once when it ends. */
  changed(): void;
  /** Push now (the start, the end) and restart the window. */
  now(): void;
  /** No more pushes (the run ended). */
  close(): void;
}

export function createProgressThrottle(options: { everyMs: number; now: () => number; scheduler: Scheduler; push: () => void }): ProgressThrottle {
  let last = -Infinity;
  let trailing: ScheduledTask | null = null;
  let closed = false;
  const pushNow = () => {
    trailing?.cancel();
    trailing = null;
    if (closed) return;
    last = options.now();
    options.push();
  };
  return {
    changed() {
      if (closed || trailing) return;
      const wait = last + options.everyMs - options.now();
      if (wait <= 0) pushNow();
      else trailing = options.scheduler.schedule(wait, pushNow);
    },
    now: pushNow,
    close() {
      closed = true;
      trailing?.cancel();
      trailing = null;
    },
  };
}
