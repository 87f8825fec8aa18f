// A 10k-request test run (issue 11): testRun.start through the in-process door (guard and audit once, the
// payload checked once by the invoke service's prepare, then 10,000 sends of credit-ep at concurrency 50 over
// the VPN route with the cached AML token, samples and percentiles kept) against a raw undici loop of the
// same 10,000 POSTs at concurrency 50 to the same scoring server (same transport: TCP to the loopback port the
// private network publishes the scoring host on, TLS for the real name, keep-alive, 16 connections like
// Airlock's origin pool). Whole sandbox; credit-ep's deployments take 64 concurrent requests per instance (the
// default seed's 1 would answer most of them 429). Baseline run before and after Airlock's (A/A noise).
// Goal: Airlock's throughput ≥ 0.9× the raw loop's.
import { systemClock } from '../../electron/services';
import type { TestRunReport } from '../../shared/contract/schemas/test-run';
import { SkipSuite, type BenchSuite } from '../suite';
import { machineLoad } from '../routes/airlock-routes';
import { scoringCall } from '../routes/scoring-over-route';
import { rawUndiciScoring } from '../invoke/raw-undici-scoring';
import { ENDPOINT, startWholeSandboxAirlock, WORKSPACE_ID } from '../invoke/whole-sandbox-airlock';

const COUNT = Number(process.env['BENCH_TEST_RUN_COUNT'] ?? 10_000);
const CONCURRENCY = 50;
/** Airlock's data-plane client keeps at most 16 connections per origin (route-http-client.ts); the baseline too. */
const CONNECTIONS = 16;

interface Run {
  ms: number;
  ok: number;
  statuses: Record<string, number>;
}

const perSecond = (r: Run) => Math.round((r.ok / r.ms) * 1000 * 10) / 10;
let passed = false;

const suite: BenchSuite = {
  id: 'test-run-10k',
  title: `Test run: ${COUNT} requests at concurrency ${CONCURRENCY} (testRun.start through the door) vs a raw undici loop`,
  goal: 'Airlock throughput ≥ 0.9× the raw undici loop',
  goalMet: () => passed,
  iterations: 1,
  warmup: 0,
  async setup() {
    const loadBefore = machineLoad();
    const fx = await startWholeSandboxAirlock({
      clock: systemClock,
      seed: (seed) => {
        for (const s of seed.subscriptions)
          for (const rg of s.resourceGroups)
            for (const ws of rg.workspaces)
              for (const ep of ws.onlineEndpoints) if (ep.name === ENDPOINT) for (const d of ep.deployments) Object.assign(d, { maxConcurrentRequestsPerInstance: 64 });
        return seed;
      },
    });
    const payload = scoringCall(7).body;
    const probe = await fx.door.call('testRun.start', { workspaceId: WORKSPACE_ID, endpointName: ENDPOINT, payload, count: 1, concurrency: 1 });
    if (!probe.ok) {
      await fx.stop();
      if (probe.error.message.toLowerCase().includes('not built')) throw new SkipSuite(`testRun.start is not built yet: ${probe.error.message}`);
      throw new Error(`testRun.start refused: ${probe.error.code} ${probe.error.message}`);
    }
    const raw = rawUndiciScoring(fx.scoring, CONNECTIONS);
    const token = await fx.rawAmlToken();

    const rawLoop = async (count = COUNT): Promise<Run> => {
      const statuses: Record<string, number> = {};
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < count) {
            const status = await raw.score(payload, token).catch(() => 0);
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }),
      );
      return { ms: performance.now() - started, ok: statuses['200'] ?? 0, statuses };
    };
    // Warm both (connections, TLS, JIT) a little before the timed runs.
    await rawLoop(500);
    const runs: { baseline: Run[]; airlock: Run | null; report: TestRunReport | null } = { baseline: [], airlock: null, report: null };

    return {
      baseline: { name: `raw undici loop, concurrency ${CONCURRENCY}, ${CONNECTIONS} connections`, run: async () => void runs.baseline.push(await rawLoop()) },
      airlock: {
        name: `testRun.start (door, guard, prepared score, VPN route), concurrency ${CONCURRENCY}`,
        async run() {
          const started = performance.now();
          const result = await fx.door.call('testRun.start', { workspaceId: WORKSPACE_ID, endpointName: ENDPOINT, payload, count: COUNT, concurrency: CONCURRENCY });
          const ms = performance.now() - started;
          if (!result.ok) throw new Error(`testRun.start refused: ${result.error.code} ${result.error.message}`);
          const report = result.value as TestRunReport;
          runs.report = report;
          runs.airlock = { ms, ok: report.statusCounts['200'] ?? 0, statuses: report.statusCounts };
        },
      },
      async extra() {
        runs.baseline.push(await rawLoop()); // A/A: the baseline once more, after Airlock's run
        const [first, second] = runs.baseline as [Run, Run];
        const a = runs.airlock!;
        const report = runs.report!;
        const ratio = perSecond(a) / perSecond(first);
        passed = a.ok === COUNT && first.ok === COUNT && ratio >= 0.9;
        return {
          loadBefore,
          airlock: { perSecond: perSecond(a), wallMs: Math.round(a.ms), runElapsedMs: Math.round(report.elapsedMs), state: report.state, statuses: a.statuses, latencyMs: report.latency },
          baseline: { perSecond: perSecond(first), wallMs: Math.round(first.ms), statuses: first.statuses },
          baselineAgain: { perSecond: perSecond(second), wallMs: Math.round(second.ms), statuses: second.statuses },
          throughputRatio: +ratio.toFixed(3),
          noiseBaselineTwice: +(Math.max(perSecond(first), perSecond(second)) / Math.min(perSecond(first), perSecond(second))).toFixed(3),
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
