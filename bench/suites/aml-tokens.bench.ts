// AML tokens (issue 11): 1,000 endpoint.score calls of credit-ep (AMLToken) through the door, at concurrency 8,
// paced (one started every PACE_MS), against the whole sandbox; the sandbox ARM's request log counts every
// POST .../token. Goal: at most one getToken per refreshAfter window (Airlock keeps the token until
// refreshAfter, not expiry, and concurrent invokes share one fetch).
// A short window without changing the sandbox: its clock runs 12 h − WINDOW_MS behind the real one, so the
// refreshAfterTimeUtc it stamps (its now + 12 h) falls WINDOW_MS after the real now Airlock's clock reads.
// Everything else keeps working on that clock: Entra tokens (issued on real time, checked with 5 min
// tolerance against an earlier now) stay valid, AML tokens expire 24 h after the sandbox's now.
// ARM stamps whole seconds, so each window is WINDOW_MS minus up to 1 s. Checked: count ≤ ceil(duration /
// shortest window) + 1, and no two getTokens closer than 0.9 × the shortest window (Airlock renews 10% early).
// Baseline, same pacing and concurrency: raw undici POSTs with one token fetched once (the floor a caller
// that never renews could reach), for the latency beside it.
import { systemClock } from '../../electron/services';
import { summarize, type Summary } from '../stats';
import type { BenchSuite } from '../suite';
import { machineLoad } from '../routes/airlock-routes';
import { scoringCall } from '../routes/scoring-over-route';
import { rawUndiciScoring } from '../invoke/raw-undici-scoring';
import { startWholeSandboxAirlock } from '../invoke/whole-sandbox-airlock';

const INVOKES = Number(process.env['BENCH_AML_INVOKES'] ?? 1000);
const CONCURRENCY = 8;
const WINDOW_MS = Number(process.env['BENCH_AML_WINDOW_MS'] ?? 3000);
const PACE_MS = Number(process.env['BENCH_AML_PACE_MS'] ?? 8);
const TWELVE_HOURS_MS = 12 * 3600_000;

let n = 0;
let passed = false;

const round = (s: Summary) => ({ p50: +s.p50.toFixed(3), p90: +s.p90.toFixed(3), p99: +s.p99.toFixed(3), n: s.n });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `count` calls, one every PACE_MS, at most CONCURRENCY at once; returns each call's latency. */
async function paced(count: number, call: () => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const running = new Set<Promise<void>>();
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + i * PACE_MS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (running.size >= CONCURRENCY) await Promise.race(running);
    const t = performance.now();
    const p: Promise<void> = call().then(() => void latencies.push(performance.now() - t));
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => undefined);
  }
  await Promise.all(running);
  return latencies;
}

const suite: BenchSuite = {
  id: 'aml-tokens',
  title: `AML tokens: ${INVOKES} invokes (concurrency ${CONCURRENCY}, one every ${PACE_MS} ms) with a ${WINDOW_MS} ms refreshAfter window`,
  goal: 'at most one getToken per refreshAfter window',
  goalMet: () => passed,
  iterations: 1,
  warmup: 0,
  async setup() {
    const loadBefore = machineLoad();
    const tokenTimes: number[] = [];
    const fx = await startWholeSandboxAirlock({
      clock: systemClock,
      now: () => new Date(Date.now() - (TWELVE_HOURS_MS - WINDOW_MS)),
      onArmRequest: (method, path) => {
        if (method === 'POST' && path.toLowerCase().endsWith('/token')) tokenTimes.push(performance.now());
      },
    });
    const raw = rawUndiciScoring(fx.scoring, CONCURRENCY);
    const token = await fx.rawAmlToken();
    const rawTokenCalls = tokenTimes.length;
    let airlockLatencies: number[] = [];
    let baselineLatencies: number[] = [];
    let airlockStart = 0;
    let airlockMs = 0;
    let tokensBefore = 0;
    let statuses: Record<number, number> = {};
    return {
      baseline: {
        name: 'raw undici POSTs, one token, same pacing',
        run: async () => {
          baselineLatencies = await paced(INVOKES, async () => {
            const status = await raw.score(scoringCall(n++).body, token);
            if (status !== 200) throw new Error(`raw POST answered ${status}`);
          });
        },
      },
      airlock: {
        name: 'endpoint.score through the door, cached AML token',
        run: async () => {
          tokensBefore = tokenTimes.length;
          airlockStart = performance.now();
          statuses = {};
          airlockLatencies = await paced(INVOKES, async () => {
            const { status } = await fx.score(scoringCall(n++).body);
            statuses[status] = (statuses[status] ?? 0) + 1;
          });
          airlockMs = performance.now() - airlockStart;
        },
      },
      async extra() {
        const during = tokenTimes.slice(tokensBefore).map((t) => t - airlockStart);
        const gaps = during.slice(1).map((t, i) => t - during[i]!);
        const shortestWindow = WINDOW_MS - 1000; // ARM's refreshAfterTimeUtc is whole seconds
        const allowed = Math.ceil(airlockMs / shortestWindow) + 1;
        const minGap = gaps.length > 0 ? Math.min(...gaps) : null;
        passed = statuses[200] === INVOKES && during.length >= 1 && during.length <= allowed && (minGap === null || minGap >= 0.9 * shortestWindow);
        return {
          loadBefore,
          invokes: INVOKES,
          statuses,
          durationMs: Math.round(airlockMs),
          refreshAfterWindowMs: `${shortestWindow}–${WINDOW_MS}`,
          getTokenCalls: during.length,
          allowedAtMost: allowed,
          getTokenAtMs: during.map((t) => Math.round(t)),
          shortestGapMs: minGap === null ? null : Math.round(minGap),
          baselineGetTokenCalls: rawTokenCalls,
          naiveGetTokenPerInvoke: INVOKES,
          airlockMs: round(summarize(airlockLatencies)),
          baselineMs: round(summarize(baselineLatencies)),
          loadAfter: machineLoad(),
        };
      },
      teardown: async () => {
        await raw.close();
        await fx.stop();
      },
    };
  },
};

export default suite;
