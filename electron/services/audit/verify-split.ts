// Verify on two threads: the main thread walks the first half of the trail, a second thread (the store's
// secondHalf, pinned to the same snapshot) walks the second half with the same fast checks. This joins the
// second thread's walk into the main thread's state as if the main thread had walked those rows itself:
// the rows it hands back (its first row, every epoch change) go through the main thread's own row check, in
// order, and the stretches between them (which passed the fast checks against the state the handed-back row
// leaves) only move the state on. Where the second thread's assumption differs from the main thread's (its
// epoch after a handed-back row) or it stopped early, the join stops there and the caller walks the rest
// itself: findings are always the one-thread walk's. Never decides a finding on its own.
import type { HalfResult } from './audit-store';

export interface JoinTarget {
  /** The main thread's row check (the fast checks, else the slow path, then the end checks' notes); false: recount. */
  row(seq: number, body: string, hash: string, counting: boolean): boolean;
  /** The main thread's current epoch. */
  epoch(): number;
  /** Rows from..to passed the fast checks in the current epoch; the hash of row `to` is lastHash. */
  stretch(from: number, to: number, lastHash: string): void;
  noteHash(seq: number, hash: string): void;
  noteMac(seq: number, hash: string): void;
  noteIfPruned(body: string): void;
}

/** Joins the second thread's walk of (mid, …]; answers the seq the main thread has walked through, or 'recount'. */
export function joinSecondHalf(result: HalfResult, mid: number, target: JoinTarget): number | 'recount' {
  let through = mid;
  let agreed = true;
  for (const back of result.handbacks) {
    if (back.seq - 1 > through) {
      if (back.before === null || back.epochBefore !== target.epoch()) {
        agreed = false;
        break;
      }
      target.stretch(through + 1, back.seq - 1, back.before);
      through = back.seq - 1;
    }
    if (back.seq !== through + 1) {
      agreed = false;
      break;
    }
    if (!target.row(back.seq, back.body, back.hash, true)) return 'recount';
    through = back.seq;
    if (target.epoch() !== back.epochAfter) {
      agreed = false;
      break;
    }
  }
  if (agreed && result.vouchedThrough > through && result.lastHash !== null && result.epoch === target.epoch()) {
    target.stretch(through + 1, result.vouchedThrough, result.lastHash);
    through = result.vouchedThrough;
  }
  // What the end checks need from the rows joined as stretches (handed-back rows noted their own).
  const upTo = through;
  const pairs = (flat: readonly (number | string)[], note: (seq: number, value: string) => void): void => {
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const seq = flat[i] as number;
      if (seq <= upTo) note(seq, flat[i + 1] as string);
    }
  };
  pairs(result.watched, (seq, hash) => target.noteHash(seq, hash));
  pairs(result.macs, (seq, hash) => target.noteMac(seq, hash));
  pairs(result.prunes, (_seq, body) => target.noteIfPruned(body));
  return through;
}

/** The promise's value, or 'aborted' as soon as the signal fires. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | 'aborted'> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve('aborted');
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
