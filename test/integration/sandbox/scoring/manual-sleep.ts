// A Sleep for tests: time passes only when the test calls advance(), and a test can wait until the server
// has started a given number of sleeps (a request is "held" in simulated model execution). No wall clock.
import { SleepAborted, type Sleep } from '../../../../sandbox/scoring';

export interface ManualSleep {
  readonly sleep: Sleep;
  /** Sleeps started and not yet resolved or aborted. */
  pending(): number;
  /** Resolves once at least `count` sleeps are pending. */
  waitForPending(count: number): Promise<void>;
  /** Resolves once at most `count` sleeps are pending. */
  waitForAtMost(count: number): Promise<void>;
  /** Moves virtual time; resolves due sleeps in deadline order. */
  advance(ms: number): void;
}

export function createManualSleep(): ManualSleep {
  let now = 0;
  const sleepers = new Set<{ deadline: number; wake: () => void }>();
  const waiters: Array<{ done: (pending: number) => boolean; resolve: () => void }> = [];
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (waiter.done(sleepers.size)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  return {
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) {
          reject(new SleepAborted());
          return;
        }
        const entry = {
          deadline: now + ms,
          wake: () => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          sleepers.delete(entry);
          notify();
          reject(new SleepAborted());
        };
        signal.addEventListener('abort', onAbort, { once: true });
        sleepers.add(entry);
        notify();
      }),
    pending: () => sleepers.size,
    waitForPending: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ done: (n) => n >= count, resolve });
        notify();
      }),
    waitForAtMost: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ done: (n) => n <= count, resolve });
        notify();
      }),
    advance(ms) {
      now += ms;
      const due = [...sleepers].filter((s) => s.deadline <= now).sort((a, b) => a.deadline - b.deadline);
      for (const entry of due) {
        sleepers.delete(entry);
        entry.wake();
      }
      notify();
    },
  };
}
