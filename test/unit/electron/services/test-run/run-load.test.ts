// The test run's load loop on fake time: the rate paces starts, the concurrency is never exceeded, a cancel
// starts nothing new and aborts what is in flight, a refused credential or a route down for good stops the run
// as failed in words, a dropped route is waited out, and the percentiles are nearest-rank.
import { describe, expect, it } from 'vitest';
import { createPacer, latencyPercentiles, nearestRank, runLoad, type RunLoadOptions } from '../../../../../electron/services/test-run';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { createFakeTime, type FakeTime } from './fake-time';

/** A send that answers `status(i)` after `latency(i)` ms of fake time (or fails with the error given). */
function sender(time: FakeTime, answer: (i: number) => { latency: number; status?: number; error?: AirlockError }) {
  let n = 0;
  let inFlight = 0;
  const seen = { max: 0, starts: [] as number[], aborted: 0 };
  const send: RunLoadOptions['send'] = (signal) => {
    const i = n++;
    seen.starts.push(time.now());
    inFlight += 1;
    seen.max = Math.max(seen.max, inFlight);
    const a = answer(i);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        task.cancel();
        inFlight -= 1;
        seen.aborted += 1;
        reject(signal.reason as Error);
      };
      const task = time.scheduler.schedule(a.latency, () => {
        signal.removeEventListener('abort', onAbort);
        inFlight -= 1;
        if (a.error) reject(a.error);
        else resolve({ status: a.status ?? 200 });
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  };
  return { send, seen, sent: () => n };
}

function start(time: FakeTime, options: Partial<RunLoadOptions> & Pick<RunLoadOptions, 'send'>) {
  const stop = new AbortController();
  const run = runLoad({ count: 10, concurrency: 2, ratePerSecond: null, now: time.now, scheduler: time.scheduler, stop: stop.signal, ...options });
  return { run, stop };
}

describe('percentiles (nearest rank)', () => {
  it('1..10 and 1..100: measured values, never interpolated', () => {
    const ten = Array.from({ length: 10 }, (_, i) => 10 - i); // given unsorted
    expect(latencyPercentiles(ten)).toEqual({ p50: 5, p90: 9, p95: 10, p99: 10, min: 1, max: 10, mean: 5.5 });
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(latencyPercentiles(hundred)).toMatchObject({ p50: 50, p90: 90, p95: 95, p99: 99, min: 1, max: 100, mean: 50.5 });
  });

  it('one sample is every percentile; none is null; numbers sort as numbers; microsecond rounding', () => {
    expect(latencyPercentiles([7.25])).toEqual({ p50: 7.25, p90: 7.25, p95: 7.25, p99: 7.25, min: 7.25, max: 7.25, mean: 7.25 });
    expect(latencyPercentiles([])).toBeNull();
    expect(latencyPercentiles([100, 9, 20])).toMatchObject({ min: 9, p50: 20, max: 100 });
    expect(latencyPercentiles([1.23456789])!.p50).toBe(1.235);
    expect(nearestRank([1, 2, 3, 4], 0)).toBe(1);
    expect(nearestRank([1, 2, 3, 4], 100)).toBe(4);
  });
});

describe('pacing', () => {
  it('rate 10/s: starts 100 ms apart on the fake clock, no burst after a pause', async () => {
    const time = createFakeTime();
    const pacer = createPacer(10, time.now, time.scheduler);
    const stop = new AbortController();
    const starts: number[] = [];
    const waiters = Array.from({ length: 4 }, () => pacer.wait(stop.signal).then(() => starts.push(time.now())));
    await time.advance(1000);
    await Promise.all(waiters);
    expect(starts).toEqual([0, 100, 200, 300]);
    // Idle for a second: the next start is now, the one after 100 ms later (unused time is not saved up).
    const late: number[] = [];
    const more = [pacer.wait(stop.signal), pacer.wait(stop.signal)].map((p) => p.then(() => late.push(time.now())));
    await time.advance(500);
    await Promise.all(more);
    expect(late).toEqual([1000, 1100]);
  });

  it('a run at 20/s with room for 8 at once still starts 50 ms apart', async () => {
    const time = createFakeTime();
    const s = sender(time, () => ({ latency: 5 }));
    const { run } = start(time, { send: s.send, count: 6, concurrency: 8, ratePerSecond: 20 });
    await time.advance(1000);
    const outcome = await run;
    expect(s.seen.starts).toEqual([0, 50, 100, 150, 200, 250]);
    expect(outcome.samples.map((x) => x.startMs)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(outcome).toMatchObject({ state: 'completed', stoppedBecause: null, elapsedMs: 255 });
  });
});

describe('runLoad', () => {
  it('never has more than C in flight, reaches C, sends exactly count, one sample each', async () => {
    const time = createFakeTime();
    const s = sender(time, (i) => ({ latency: 3 + ((i * 7) % 11), status: i % 10 === 9 ? 503 : 200 }));
    const { run } = start(time, { send: s.send, count: 100, concurrency: 7 });
    await time.advance(10_000);
    const outcome = await run;
    expect(s.seen.max).toBe(7);
    expect(s.sent()).toBe(100);
    expect(outcome.state).toBe('completed');
    expect(outcome.samples).toHaveLength(100);
    expect(outcome.samples.filter((x) => x.status === 503)).toHaveLength(10);
    expect(outcome.samples.every((x, i, all) => i === 0 || all[i - 1]!.startMs <= x.startMs)).toBe(true);
  });

  it('cancel: nothing new starts, what is in flight is aborted and not counted, the words say so', async () => {
    const time = createFakeTime();
    const s = sender(time, () => ({ latency: 10 }));
    const { run, stop } = start(time, { send: s.send, count: 100, concurrency: 4 });
    await time.advance(25); // 8 done, 4 on their way
    stop.abort();
    await time.advance(1000);
    const outcome = await run;
    expect(outcome.state).toBe('cancelled');
    expect(outcome.samples).toHaveLength(8);
    expect(s.sent()).toBe(12);
    expect(s.seen.aborted).toBe(4);
    expect(outcome.stoppedBecause).toBe('Cancelled after 8 of 100 requests; 4 on their way were stopped and are not counted.');
  });

  it('a credential refused three times in a row (after send\'s own retry) stops the run as failed', async () => {
    const time = createFakeTime();
    const s = sender(time, (i) => ({ latency: 1, status: i < 2 ? 200 : 401 }));
    const { run } = start(time, { send: s.send, count: 1000, concurrency: 1 });
    await time.advance(1000);
    const outcome = await run;
    expect(outcome.state).toBe('failed');
    expect(outcome.samples.map((x) => x.status)).toEqual([200, 200, 401, 401, 401]);
    expect(outcome.stoppedBecause).toMatch(/^The endpoint refused Airlock's credential \(HTTP 401\) 3 times in a row/);
  });

  it('a route that stays down: requests wait and one probes at a time, then the run fails in words', async () => {
    const time = createFakeTime();
    const down = new AirlockError('E_ROUTE_DOWN');
    const s = sender(time, () => ({ latency: 0, error: down }));
    const { run } = start(time, { send: s.send, count: 10_000, concurrency: 50, routeGiveUpMs: 30_000 });
    await time.advance(60_000);
    const outcome = await run;
    expect(outcome.state).toBe('failed');
    expect(outcome.stoppedBecause).toMatch(/^The private route carried no request for 3\d(\.\d)? s \(E_ROUTE_DOWN\)/);
    // The first wave fails at once; after that one probe per back-off step, not 10,000 failures.
    expect(s.sent()).toBeLessThan(80);
    expect(outcome.samples.every((x) => x.status === 0 && x.error === 'E_ROUTE_DOWN')).toBe(true);
  });

  it('a route that drops and comes back: the failures are status 0 samples with their code, the run completes', async () => {
    const time = createFakeTime();
    const s = sender(time, (i) => (i >= 3 && i < 6 ? { latency: 2, error: new AirlockError('E_ROUTE_DROPPED') } : { latency: 2 }));
    const { run } = start(time, { send: s.send, count: 20, concurrency: 1 });
    await time.advance(60_000);
    const outcome = await run;
    expect(outcome.state).toBe('completed');
    expect(outcome.samples).toHaveLength(20);
    expect(outcome.samples.filter((x) => x.status === 0).map((x) => x.error)).toEqual(['E_ROUTE_DROPPED', 'E_ROUTE_DROPPED', 'E_ROUTE_DROPPED']);
  });

  it('timeouts are counted, not a reason to stop; an untyped failure is E_INTERNAL', async () => {
    const time = createFakeTime();
    const s = sender(time, (i) => (i % 2 === 0 ? { latency: 5, error: new AirlockError('E_TIMEOUT') } : { latency: 5 }));
    const { run } = start(time, { send: s.send, count: 10, concurrency: 3 });
    await time.advance(1000);
    const outcome = await run;
    expect(outcome.state).toBe('completed');
    expect(outcome.samples.filter((x) => x.error === 'E_TIMEOUT')).toHaveLength(5);
    const time2 = createFakeTime();
    const odd = runLoad({ count: 3, concurrency: 1, ratePerSecond: null, now: time2.now, scheduler: time2.scheduler, stop: new AbortController().signal, send: async () => Promise.reject(new Error('boom')) });
    await time2.advance(10);
    const failed = await odd;
    expect(failed.state).toBe('failed');
    expect(failed.samples.map((x) => x.error)).toEqual(['E_INTERNAL', 'E_INTERNAL', 'E_INTERNAL']);
  });
});
