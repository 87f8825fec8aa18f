// When this process may write the trail: it holds the database's writer lock (audit-store.ts WriterLock) from
// the first write of a burst until the burst has been idle a moment and, when another process (the app, an
// `airlock` command) says it is waiting, gives it up at least every second so that one gets its turn. Each time the lock is taken
// `onAcquired` runs first (the trail picks the chain up where the last holder left it); each time it is given
// up, `drained` runs first (everything this process queued is committed). Waiting is polling with short sleeps,
// never a blocking wait: the event loop stays free. Timing is real time on purpose: it is about other
// processes, not about the trail's clock.
import { setTimeout as sleep } from 'node:timers/promises';
import { auditUnavailable } from './audit-errors';
import type { WriterLock } from './audit-store';

export interface LockTiming {
  /** How long a write waits for another process before it is refused ('busy'). */
  readonly waitMs: number;
  /** Idle time after which the lock is given up. */
  readonly idleMs: number;
  /** Longest hold while busy and another process waits; then it is given up for `yieldMs` so that one can take it. */
  readonly maxHoldMs: number;
  readonly yieldMs: number;
}

export const LOCK_TIMING: LockTiming = { waitMs: 10_000, idleMs: 100, maxHoldMs: 1_000, yieldMs: 20 };

export interface LockSession {
  /** Resolves once this process may write (lock held, `onAcquired` done); rejects E_AUDIT_UNAVAILABLE ('busy') after waitMs. */
  enter(): Promise<void>;
  /** Gives the lock up (after `drained`) and closes nothing else. */
  close(): Promise<void>;
}

export interface LockHooks {
  onAcquired(): Promise<void>;
  drained(): Promise<void>;
}

export function createLockSession(lock: WriterLock, hooks: LockHooks, timing: LockTiming = LOCK_TIMING): LockSession {
  let held = false;
  let heldAt = 0;
  let uses = 0;
  let closed = false;
  let idle: NodeJS.Timeout | null = null;
  // Acquire, hand-over and release run one at a time.
  let serial: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(task: () => Promise<T>): Promise<T> => {
    const next = serial.then(task);
    serial = next.catch(() => undefined);
    return next;
  };

  const acquire = async (): Promise<void> => {
    const deadline = performance.now() + timing.waitMs;
    let pause = 1;
    let marked = 0;
    while (!lock.tryAcquire()) {
      const now = performance.now();
      if (now >= deadline) throw auditUnavailable('busy');
      if (now - marked >= 250) {
        lock.markWaiting();
        marked = now;
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 8);
    }
    held = true;
    heldAt = performance.now();
    try {
      await hooks.onAcquired();
    } catch (error) {
      held = false;
      lock.release();
      throw error;
    }
  };

  const giveUp = async (): Promise<void> => {
    await hooks.drained();
    lock.release();
    held = false;
  };

  const armIdle = (): void => {
    if (idle || closed) return;
    // Writes since the timer was set mean the burst goes on.
    const seen = uses;
    idle = setTimeout(() => {
      idle = null;
      void inTurn(async () => {
        if (!held || closed) return;
        if (uses !== seen) return armIdle();
        await hooks.drained();
        // A write that came while draining keeps the lock for its burst.
        if (uses !== seen) return armIdle();
        lock.release();
        held = false;
      }).catch(() => undefined);
    }, timing.idleMs);
    idle.unref();
  };

  return {
    enter() {
      if (closed) return Promise.reject(auditUnavailable('closed'));
      uses++;
      if (held && performance.now() - heldAt >= timing.maxHoldMs && !lock.othersWaiting()) heldAt = performance.now();
      if (held && performance.now() - heldAt < timing.maxHoldMs) {
        armIdle();
        return Promise.resolve();
      }
      return inTurn(async () => {
        if (held && performance.now() - heldAt >= timing.maxHoldMs) {
          await giveUp();
          await sleep(timing.yieldMs);
        }
        if (!held) await acquire();
        armIdle();
      });
    },
    close() {
      closed = true;
      if (idle) clearTimeout(idle);
      idle = null;
      return inTurn(async () => {
        if (held) await giveUp();
      });
    },
  };
}
