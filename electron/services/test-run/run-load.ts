// The load loop of a test run: `count` sends at most `concurrency` at a time, optionally paced to a rate, on an
// injected clock and scheduler (tests run it on fake time). Every send that ends becomes one sample: its start
// (ms after the run began), its latency, its HTTP status, or status 0 and the error code when no answer came.
// It stops early, without starting anything new and aborting what is in flight (those are not counted), when
// - the caller's `stop` aborts (cancelled; failed with its words when its reason is a RunStopped);
// - the endpoint refuses the credential (401/403, after send's own renewal and retry) `refusalsToStop` times in a
//   row, or a failure that will not get better by retrying (no credential, TLS, host key…) repeats as often (failed);
// - the route stays down (no answer at all) for `routeGiveUpMs`: while it is down, new requests wait (backing
//   off from 250 ms to 4 s) and only one at a time probes it, so a drop does not burn the run's count (failed).
import { setMaxListeners } from 'node:events';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Scheduler } from '../ports';
import { createPacer, sleep } from './pacer';
import { roundMs } from './percentiles';
import type { Sample } from './run-stats';

/** No answer because the route is (for now) not carrying requests: wait and probe, give up after a while. */
const ROUTE_TROUBLE = new Set(['E_ROUTE_DOWN', 'E_ROUTE_DROPPED', 'E_UNREACHABLE']);
/** No answer, but the next request may well get one: counted, nothing else. */
const TRANSIENT = new Set(['E_TIMEOUT', 'E_RATE_LIMITED']);
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 4_000;

export interface RunLoadOptions {
  readonly count: number;
  readonly concurrency: number;
  readonly ratePerSecond: number | null;
  /** One request; resolves with the answer's status (any status), rejects when no answer came. */
  readonly send: (signal: AbortSignal) => Promise<{ readonly status: number }>;
  readonly now: () => number;
  readonly scheduler: Scheduler;
  /** The user's cancel. */
  readonly stop: AbortSignal;
  /** Told each sample as it is recorded (in completion order). */
  readonly onSample?: (sample: Sample, all: readonly Sample[]) => void;
  readonly refusalsToStop?: number;
  readonly routeGiveUpMs?: number;
}

export interface LoadOutcome {
  readonly state: 'completed' | 'cancelled' | 'failed';
  readonly stoppedBecause: string | null;
  readonly elapsedMs: number;
  /** Sorted by start. */
  readonly samples: Sample[];
}

/** The reason to abort `stop` with when Airlock (not the user) ends the run: it fails, saying `because`. */
export class RunStopped extends Error {
  constructor(readonly because: string) {
    super(because);
    this.name = 'RunStopped';
  }
}

const codeOf = (error: unknown): string => (error instanceof AirlockError ? error.code : 'E_INTERNAL');
const secondsText = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export async function runLoad(options: RunLoadOptions): Promise<LoadOutcome> {
  const { count, now, scheduler } = options;
  const refusalsToStop = options.refusalsToStop ?? 3;
  const routeGiveUpMs = options.routeGiveUpMs ?? 30_000;
  const began = now();
  const samples: Sample[] = [];
  const inFlight = new AbortController(); // aborts what is on its way once the run stops
  const halted = new AbortController(); // wakes every waiting worker once the run stops
  // Up to `concurrency` requests (and sleeps) listen on these at once: more than Node's default warning level.
  setMaxListeners(0, inFlight.signal, halted.signal);
  const whenHalted = new Promise<void>((resolve) => halted.signal.addEventListener('abort', () => resolve(), { once: true }));
  let state = 'completed' as LoadOutcome['state']; // set by halt(), from callbacks
  let stoppedBecause: string | null = null;
  let started = 0;
  let abandoned = 0;
  let refusals = 0;
  let lastRefusal = '';
  let troubleSince: number | null = null;
  let holdUntil = 0;
  let backoffMs = FIRST_BACKOFF_MS;
  let probe: Promise<void> | null = null;

  const halt = (how: 'cancelled' | 'failed', because: string) => {
    if (halted.signal.aborted) return;
    state = how;
    stoppedBecause = because;
    halted.abort();
    inFlight.abort(new AirlockError('E_UNAVAILABLE', { message: 'The test run stopped, so this request was not finished.' }));
  };
  // A stop with a RunStopped reason is Airlock's, not the user's (sign-out, idle lock, quit): failed, in its words.
  const onStop = () => (options.stop.reason instanceof RunStopped ? halt('failed', options.stop.reason.because) : halt('cancelled', ''));
  if (options.stop.aborted) onStop();
  else options.stop.addEventListener('abort', onStop, { once: true });
  const pacer = createPacer(options.ratePerSecond, now, scheduler);

  function record(sample: Sample) {
    if (halted.signal.aborted) {
      abandoned += 1; // ended (most often aborted) after the stop: not counted
      return;
    }
    samples.push(sample);
    options.onSample?.(sample, samples);
  }

  function answered(status: number) {
    troubleSince = null;
    backoffMs = FIRST_BACKOFF_MS;
    if (status === 401 || status === 403) {
      refusals += 1;
      lastRefusal = `The endpoint refused Airlock's credential (HTTP ${status}) ${refusals} times in a row, even after a fresh one, so the run stopped.`;
    } else refusals = 0;
    if (refusals >= refusalsToStop) halt('failed', lastRefusal);
  }

  function noAnswer(error: unknown, at: number) {
    const code = codeOf(error);
    if (ROUTE_TROUBLE.has(code)) {
      troubleSince ??= at;
      holdUntil = Math.max(holdUntil, at + backoffMs);
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      if (at - troubleSince >= routeGiveUpMs) {
        halt('failed', `The private route carried no request for ${secondsText(at - troubleSince)} (${code}), so the run stopped. Check the route under Connections, then run it again.`);
      }
    } else if (!TRANSIENT.has(code)) {
      refusals += 1;
      const words = error instanceof AirlockError ? error.message : 'Airlock could not send the request.';
      if (refusals >= refusalsToStop) halt('failed', `${words} (${code}, ${refusals} times in a row), so the run stopped.`.slice(0, 400));
    }
  }

  /** Waits for pacing and for a route in trouble; true when this worker may start a request now. */
  async function mayStart(): Promise<'probe' | 'go' | 'stop'> {
    await pacer.wait(halted.signal);
    for (;;) {
      if (halted.signal.aborted) return 'stop';
      const at = now();
      if (holdUntil > at) {
        await sleep(scheduler, holdUntil - at, halted.signal);
        continue;
      }
      if (troubleSince === null) return 'go';
      if (!probe) return 'probe';
      await Promise.race([probe, whenHalted]);
    }
  }

  async function one(kind: 'probe' | 'go') {
    let settle = () => {};
    if (kind === 'probe') probe = new Promise<void>((resolve) => (settle = resolve));
    const startAt = now();
    try {
      const { status } = await options.send(inFlight.signal);
      const end = now();
      record({ startMs: roundMs(startAt - began), latencyMs: roundMs(end - startAt), status, error: null });
      if (!halted.signal.aborted) answered(status);
    } catch (error) {
      const end = now();
      record({ startMs: roundMs(startAt - began), latencyMs: roundMs(end - startAt), status: 0, error: codeOf(error).slice(0, 64) });
      if (!halted.signal.aborted) noAnswer(error, end);
    } finally {
      if (kind === 'probe') {
        probe = null;
        settle();
      }
    }
  }

  async function worker() {
    while (started < count && !halted.signal.aborted) {
      started += 1; // taken before waiting, so C workers never start more than count between them
      const go = await mayStart();
      if (go === 'stop') return;
      await one(go);
    }
  }

  await Promise.all(Array.from({ length: Math.min(options.concurrency, count) }, () => worker()));
  options.stop.removeEventListener('abort', onStop);
  if (state === 'cancelled') {
    stoppedBecause = `Cancelled after ${samples.length} of ${count} requests${abandoned > 0 ? `; ${abandoned} on their way were stopped and are not counted` : ''}.`;
  } else if (state === 'failed' && abandoned > 0) {
    stoppedBecause = `${stoppedBecause ?? ''} ${abandoned} on their way were stopped and are not counted.`.trim().slice(0, 400);
  }
  samples.sort((a, b) => a.startMs - b.startMs);
  return { state, stoppedBecause, elapsedMs: roundMs(now() - began), samples };
}
