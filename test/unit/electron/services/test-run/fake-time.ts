// Fake time for the test-run tests: a monotonic clock the test moves and a scheduler whose tasks run, in due
// order, as the clock passes them. Nothing reads the wall clock.
import type { Scheduler } from '../../../../../electron/services/ports';

export interface FakeTime {
  readonly now: () => number;
  readonly scheduler: Scheduler;
  /** Runs every task due within `ms`, in order, letting promises settle between them; then sets the clock. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise callbacks run (no time passes). */
  settle(): Promise<void>;
  /** Resolves after `ms` of fake time. */
  after(ms: number): Promise<void>;
  pending(): number;
}

export function createFakeTime(): FakeTime {
  let t = 0;
  let seq = 0;
  const tasks: Array<{ at: number; seq: number; run: () => void }> = [];
  const settle = async () => {
    for (let i = 0; i < 20; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const scheduler: Scheduler = {
    schedule(delayMs, run) {
      const task = { at: t + Math.max(0, delayMs), seq: seq++, run };
      tasks.push(task);
      return { cancel: () => void (tasks.includes(task) && tasks.splice(tasks.indexOf(task), 1)) };
    },
  };
  return {
    now: () => t,
    scheduler,
    settle,
    after: (ms) => new Promise((resolve) => scheduler.schedule(ms, resolve)),
    pending: () => tasks.length,
    async advance(ms) {
      const end = t + ms;
      await settle();
      for (;;) {
        tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = tasks[0];
        if (!next || next.at > end) break;
        tasks.shift();
        t = next.at;
        next.run();
        await settle();
      }
      t = end;
      await settle();
    },
  };
}
