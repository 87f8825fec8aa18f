// Calls onIdle once the vault has gone idleMs without a touch. One pending task at a time: a touch only moves
// the "last used" mark (cheap on the hot path); when the task fires early it re-arms for the remainder.
// Uses the monotonic clock, so wall-clock jumps neither lock early nor keep material in memory longer.
import type { Clock } from '../ports';
import type { ScheduledTask, Scheduler } from '../ports';

export interface IdleTimer {
  touch(): void;
  stop(): void;
  /** A new limit (the admin policy changed it): a pending task re-arms for what is left of it, at once if none. */
  setIdleMs(ms: number): void;
}

export function createIdleTimer(options: {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly idleMs: number;
  readonly onIdle: () => void;
}): IdleTimer {
  const { clock, scheduler, onIdle } = options;
  let idleMs = options.idleMs;
  let lastUse = 0;
  let task: ScheduledTask | null = null;

  const arm = (delayMs: number): void => {
    task = scheduler.schedule(delayMs, () => {
      task = null;
      const idleFor = clock.monotonicMs() - lastUse;
      if (idleFor >= idleMs) onIdle();
      else arm(idleMs - idleFor);
    });
  };

  return {
    touch() {
      lastUse = clock.monotonicMs();
      if (task === null) arm(idleMs);
    },
    stop() {
      task?.cancel();
      task = null;
    },
    setIdleMs(ms) {
      idleMs = ms;
      if (task === null) return; // nothing in use: the next touch arms with the new limit
      task.cancel();
      arm(Math.max(0, idleMs - (clock.monotonicMs() - lastUse)));
    },
  };
}
