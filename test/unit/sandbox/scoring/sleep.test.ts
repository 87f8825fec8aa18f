// The default Sleep: resolves after its delay, rejects at once on abort, and leaves no timer behind.
// Fake timers only; no wall-clock waiting.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { realSleep, SleepAborted } from '../../../../sandbox/scoring';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('realSleep', () => {
  it('resolves after the delay', async () => {
    let done = false;
    const sleeping = realSleep(1000, new AbortController().signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects on abort and clears its timer; an already aborted signal never starts one', async () => {
    const controller = new AbortController();
    const sleeping = realSleep(1000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toBeInstanceOf(SleepAborted);
    expect(vi.getTimerCount()).toBe(0);
    await expect(realSleep(5, controller.signal)).rejects.toBeInstanceOf(SleepAborted);
    expect(vi.getTimerCount()).toBe(0);
  });
});
