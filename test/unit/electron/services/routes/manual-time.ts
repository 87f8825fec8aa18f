// Time the route tests move by hand: a scheduler whose tasks run when the test advances the clock past their
// due time (in due order), and a clock (wall and monotonic) that only moves when told. No sleeps, no real timers.
import type { Clock, Scheduler } from '../../../../../electron/services/ports';

export interface ManualTime {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Tasks not yet run, as their delays from when they were scheduled. */
  pendingDelays(): number[];
  /** Moves time on by `ms`, running every task that falls due (tasks scheduled by those run too, if due). */
  advance(ms: number): Promise<void>;
  /** Moves time to the next task and runs it. */
  next(): Promise<void>;
}

const START = Date.parse('2026-12-01T09:00:00.000Z');

export function createManualTime(): ManualTime {
  let now = 0;
  let seq = 0;
  const tasks: Array<{ at: number; seq: number; delay: number; run: () => void }> = [];
  const flush = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const runDue = async (until: number) => {
    for (;;) {
      tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const task = tasks[0];
      if (!task || task.at > until) break;
      tasks.shift();
      now = Math.max(now, task.at);
      task.run();
      await flush();
    }
    now = until;
  };
  return {
    clock: { now: () => new Date(START + now), monotonicMs: () => now },
    scheduler: {
      schedule(delayMs, run) {
        const task = { at: now + delayMs, seq: seq++, delay: delayMs, run };
        tasks.push(task);
        return { cancel: () => void (tasks.includes(task) && tasks.splice(tasks.indexOf(task), 1)) };
      },
    },
    pendingDelays: () => tasks.map((t) => t.delay),
    async advance(ms) {
      await flush();
      await runDue(now + ms);
      await flush();
    },
    async next() {
      await flush();
      tasks.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const task = tasks[0];
      if (task) await runDue(task.at);
      await flush();
    },
  };
}
