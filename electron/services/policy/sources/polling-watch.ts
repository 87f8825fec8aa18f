// "Look again" every interval, for sources the OS gives no cheap change event for here (the registry,
// managed preferences). The source's reader is cheap and the service skips a reload whose content did not
// change, so a poll costs one read.
import type { Scheduler } from '../../ports';

export function pollEvery(scheduler: Scheduler, intervalMs: number, changed: () => void): () => void {
  let stopped = false;
  let task = scheduler.schedule(intervalMs, tick);
  function tick(): void {
    if (stopped) return;
    changed();
    task = scheduler.schedule(intervalMs, tick);
  }
  return () => {
    stopped = true;
    task.cancel();
  };
}
