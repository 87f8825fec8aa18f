// The forwarder's timings (settle, stall, poll, backoff, batch sizes) and the one timer helper it needs: give
// a piece of work up when it takes too long. Every wait runs on the scheduler port, so tests move time by
// hand and nothing depends on the wall clock. Never retries or sends anything itself.
import type { ScheduledTask, Scheduler } from '../../ports';

export interface ForwardingTiming {
  /** How long a connection must stay up after a flush before the records in it count as delivered. */
  readonly settleMs: number;
  /** Connecting or flushing longer than this gives the connection up. */
  readonly stallMs: number;
  /** How often to look for new records when nobody calls notify(). */
  readonly pollMs: number;
  readonly backoffFirstMs: number;
  readonly backoffMaxMs: number;
  /** Records per write. */
  readonly batch: number;
  /** Records sent but not yet settled before the forwarder waits for the settle period. */
  readonly maxInFlight: number;
}

export const DEFAULT_FORWARDING_TIMING: ForwardingTiming = { settleMs: 2_000, stallMs: 30_000, pollMs: 5_000, backoffFirstMs: 1_000, backoffMaxMs: 5 * 60_000, batch: 500, maxInFlight: 20_000 };

/** `work`, or a rejection after `ms` on the scheduler (then `onStall` runs first, to close what hangs). */
export function stallAfter<T>(scheduler: Scheduler, ms: number, work: Promise<T>, onStall: () => void): Promise<T> {
  const timer: { task?: ScheduledTask } = {};
  const stalled = new Promise<never>((_resolve, reject) => {
    timer.task = scheduler.schedule(ms, () => {
      onStall();
      reject(new Error('stalled'));
    });
  });
  return Promise.race([work, stalled]).finally(() => timer.task?.cancel());
}
