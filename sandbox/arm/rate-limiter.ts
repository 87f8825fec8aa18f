// Per-principal read quota: a fixed one-minute window (by the sandbox clock, ctx.now()) of
// seed.arm.readsPerMinute reads. Past it, callers get 429 TooManyRequests with Retry-After until the window
// ends. It only counts; it never sleeps or reads the wall clock.
import { ArmError } from './arm-error';

const WINDOW_MS = 60_000;

export interface ReadQuota {
  /** Counts one read for `principal`; throws 429 when the quota is spent. Returns the reads left. */
  takeRead(principal: string): number;
  /** Reads left for `principal` without counting one. */
  remaining(principal: string): number;
}

export function createReadQuota(readsPerMinute: number, now: () => Date): ReadQuota {
  const windows = new Map<string, { start: number; used: number }>();
  const current = (principal: string) => {
    const t = now().getTime();
    let w = windows.get(principal);
    if (!w || t - w.start >= WINDOW_MS || t < w.start) {
      w = { start: t, used: 0 };
      windows.set(principal, w);
    }
    return { w, t };
  };
  return {
    takeRead(principal) {
      const { w, t } = current(principal);
      if (w.used >= readsPerMinute) {
        const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000));
        throw new ArmError(
          429,
          'TooManyRequests',
          `The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:01:00. For more information, see - https://aka.ms/armthrottling`,
          { gateway: true, headers: { 'retry-after': String(retryAfter), 'x-ms-ratelimit-remaining-subscription-reads': '0' } },
        );
      }
      w.used += 1;
      return readsPerMinute - w.used;
    },
    remaining(principal) {
      const { w } = current(principal);
      return Math.max(0, readsPerMinute - w.used);
    },
  };
}
