// A 10k-request test run (issue 11): testRun.start through the in-process door (guard and audit once, the
// payload checked once by the invoke service's prepare, then 10,000 sends of credit-ep at concurrency 50 over
// the VPN route with the cached AML token, samples and percentiles kept) against a raw undici loop of the
// same 10,000 POSTs at concurrency 50 to the same scoring server (same transport: TCP to the loopback port the
// private network publishes the scoring host on, TLS for the real name, keep-alive, 16 connections like
// Airlock's origin pool). credit-ep's deployments take 64 concurrent requests per instance (the default seed's
// 1 would answer most of them 429). Three runs per side, alternating; medians compared; the spread of the
// baseline's own runs is the noise.
//
// Two placements of the sandbox, both reported:
// - its own process (the goal's figure): the scoring host, like a real endpoint, does not run in the caller's
//   thread, so each side's throughput is what its client sustains against the same server;
// - this thread: the sandbox's IdP, ARM and scoring host share the event loop with the client under test, so
//   every microsecond of the client's own work shows in the figure (the stricter view of Airlock's cost).
// Beside each: the bench process's CPU per request for the raw loop and for Airlock's run (the client's own
// cost, plus the sandbox's where it shares the process), and the sandbox process's CPU per request.
// Goal: Airlock's throughput ≥ 0.9× the raw loop's.
import { systemClock } from '../../electron/services';
import type { TestRunReport } from '../../shared/contract/schemas/test-run';
import type { Seed } from '../../sandbox/seed/seed-schema';
import { SkipSuite, type BenchSuite } from '../suite';
import { machineLoad } from '../routes/airlock-routes';
import { scoringCall } from '../routes/scoring-over-route';
import { rawUndiciScoring, type RawScoring } from '../invoke/raw-undici-scoring';
import { processCpuMs } from '../invoke/sandbox-process';
import { ENDPOINT, startWholeSandboxAirlock, WORKSPACE_ID, type WholeSandboxAirlock } from '../invoke/whole-sandbox-airlock';

const COUNT = Number(process.env['BENCH_TEST_RUN_COUNT'] ?? 10_000);
const CONCURRENCY = 50;
/** Airlock's data-plane client keeps at most 16 connections per origin (route-http-client.ts); the baseline too. */
const CONNECTIONS = 16;
/** Runs per side and placement. */
const ROUNDS = Number(process.env['BENCH_TEST_RUN_ROUNDS'] ?? 3);

interface Run {
  ms: number;
  ok: number;
  statuses: Record<string, number>;
  /** This process's CPU (user + system) per request, ms. */
  cpuPerRequestMs: number;
  /** The sandbox process's CPU per request, ms (null when it runs in this thread). */
  sandboxCpuPerRequestMs: number | null;
}

const perSecond = (r: Run) => Math.round((r.ok / r.ms) * 1000 * 10) / 10;
const ms3 = (v: number) => Math.round(v * 1000) / 1000;

/** credit-ep's deployments take 64 requests at once per instance. */
function roomyCreditEp(seed: Seed): Seed {
  for (const s of seed.subscriptions)
    for (const rg of s.resourceGroups)
      for (const ws of rg.workspaces)
        for (const ep of ws.onlineEndpoints) if (ep.name === ENDPOINT) for (const d of ep.deployments) Object.assign(d, { maxConcurrentRequestsPerInstance: 64 });
  return seed;
}

interface Placement {
  readonly fx: WholeSandboxAirlock;
  readonly raw: RawScoring;
  rawLoop(count?: number): Promise<Run>;
  airlockRun(): Promise<{ run: Run; report: TestRunReport }>;
  close(): Promise<void>;
}

/** Times `work`, with this process's CPU and (when there is one) the sandbox process's CPU over it. */
async function measured<T>(fx: WholeSandboxAirlock, count: number, work: () => Promise<T>): Promise<{ ms: number; value: T; cpuPerRequestMs: number; sandboxCpuPerRequestMs: number | null }> {
  const sandboxBefore = fx.sandbox.pid === null ? null : await processCpuMs(fx.sandbox.pid);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const sandboxAfter = fx.sandbox.pid === null ? null : await processCpuMs(fx.sandbox.pid);
  return {
    ms,
    value,
    cpuPerRequestMs: ms3((cpu.user + cpu.system) / 1000 / count),
    sandboxCpuPerRequestMs: sandboxBefore === null || sandboxAfter === null ? null : ms3((sandboxAfter - sandboxBefore) / count),
  };
}

async function placement(sandboxIn: 'thread' | 'process'): Promise<Placement> {
  const fx = await startWholeSandboxAirlock({ clock: systemClock, sandboxIn, seed: roomyCreditEp });
  const payload = scoringCall(7).body;
  try {
    const probe = await fx.door.call('testRun.start', { workspaceId: WORKSPACE_ID, endpointName: ENDPOINT, payload, count: 1, concurrency: 1 });
    if (!probe.ok) {
      if (probe.error.message.toLowerCase().includes('not built')) throw new SkipSuite(`testRun.start is not built yet: ${probe.error.message}`);
      throw new Error(`testRun.start refused: ${probe.error.code} ${probe.error.message}`);
    }
  } catch (error) {
    await fx.stop();
    throw error;
  }
  const raw = rawUndiciScoring(fx.scoring, CONNECTIONS);
  const token = await fx.rawAmlToken();

  const rawLoop = async (count = COUNT): Promise<Run> => {
    const statuses: Record<string, number> = {};
    let next = 0;
    const m = await measured(fx, count, () =>
      Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < count) {
            const status = await raw.score(payload, token).catch(() => 0);
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }),
      ),
    );
    return { ms: m.ms, ok: statuses['200'] ?? 0, statuses, cpuPerRequestMs: m.cpuPerRequestMs, sandboxCpuPerRequestMs: m.sandboxCpuPerRequestMs };
  };
  let closing: Promise<void> | null = null;
  // Warm both (connections, TLS, JIT, and the sandbox's own) before the timed runs.
  await rawLoop(2000);
  await fx.door.call('testRun.start', { workspaceId: WORKSPACE_ID, endpointName: ENDPOINT, payload, count: 2000, concurrency: CONCURRENCY });

  return {
    fx,
    raw,
    rawLoop,
    async airlockRun() {
      const m = await measured(fx, COUNT, () => fx.door.call('testRun.start', { workspaceId: WORKSPACE_ID, endpointName: ENDPOINT, payload, count: COUNT, concurrency: CONCURRENCY }));
      if (!m.value.ok) throw new Error(`testRun.start refused: ${m.value.error.code} ${m.value.error.message}`);
      const report = m.value.value as TestRunReport;
      return { run: { ms: m.ms, ok: report.statusCounts['200'] ?? 0, statuses: report.statusCounts, cpuPerRequestMs: m.cpuPerRequestMs, sandboxCpuPerRequestMs: m.sandboxCpuPerRequestMs }, report };
    },
    close: () => (closing ??= raw.close().then(() => fx.stop())),
  };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * ROUNDS rounds of (raw loop, Airlock's run), the sides alternating who goes first, and a last raw loop: the
 * median run of each side is compared (one run of 10k moves 10–20% on this machine as the sandbox warms up).
 * `first` is a round already run (the runner's own baseline and Airlock samples).
 */
async function compare(p: Placement, first?: { raw: Run; airlock: { run: Run; report: TestRunReport } }) {
  const raws: Run[] = [];
  const ours: { run: Run; report: TestRunReport }[] = [];
  if (first) {
    raws.push(first.raw);
    ours.push(first.airlock);
  }
  while (ours.length < ROUNDS) {
    if (ours.length % 2 === 0) {
      raws.push(await p.rawLoop());
      ours.push(await p.airlockRun());
    } else {
      ours.push(await p.airlockRun());
      raws.push(await p.rawLoop());
    }
  }
  const rawRates = raws.map(perSecond);
  const ourRates = ours.map((o) => perSecond(o.run));
  const ratio = median(ourRates) / median(rawRates);
  const typical = ours.find((o) => perSecond(o.run) === median(ourRates))!;
  const allOk = raws.every((r) => r.ok === COUNT) && ours.every((o) => o.run.ok === COUNT);
  return {
    passed: allOk && ratio >= 0.9,
    figures: {
      airlockPerSecond: ourRates,
      baselinePerSecond: rawRates,
      throughputRatio: +ratio.toFixed(3),
      noiseBaselineRuns: +(Math.max(...rawRates) / Math.min(...rawRates)).toFixed(3),
      allAnswered200: allOk,
      airlockCpuPerRequestMs: median(ours.map((o) => o.run.cpuPerRequestMs)),
      baselineCpuPerRequestMs: median(raws.map((r) => r.cpuPerRequestMs)),
      addedCpuPerRequestMs: ms3(median(ours.map((o) => o.run.cpuPerRequestMs)) - median(raws.map((r) => r.cpuPerRequestMs))),
      sandboxCpuPerRequestMs: raws[0]!.sandboxCpuPerRequestMs === null ? null : { airlock: median(ours.map((o) => o.run.sandboxCpuPerRequestMs ?? 0)), baseline: median(raws.map((r) => r.sandboxCpuPerRequestMs ?? 0)) },
      typicalAirlockRun: { state: typical.report.state, elapsedMs: Math.round(typical.report.elapsedMs), latencyMs: typical.report.latency },
    },
  };
}

let passed = false;

const suite: BenchSuite = {
  id: 'test-run-10k',
  title: `Test run: ${COUNT} requests at concurrency ${CONCURRENCY} (testRun.start through the door) vs a raw undici loop`,
  goal: 'Airlock throughput ≥ 0.9× the raw undici loop (sandbox in its own process; the same-thread figure beside it)',
  goalMet: () => passed,
  iterations: 1,
  warmup: 0,
  async setup() {
    const loadBefore = machineLoad();
    const own = await placement('process');
    let first: Run | null = null;
    let ours: { run: Run; report: TestRunReport } | null = null;
    return {
      baseline: { name: `raw undici loop, concurrency ${CONCURRENCY}, ${CONNECTIONS} connections (sandbox in its own process)`, run: async () => void (first = await own.rawLoop()) },
      airlock: { name: `testRun.start (door, guard, prepared score, VPN route), concurrency ${CONCURRENCY}`, run: async () => void (ours = await own.airlockRun()) },
      async extra() {
        const separate = await compare(own, { raw: first!, airlock: ours! });
        passed = separate.passed;
        await own.close();
        // The same comparison with the sandbox in this thread.
        const shared = await placement('thread');
        let sameThread;
        try {
          sameThread = (await compare(shared)).figures;
        } finally {
          await shared.close();
        }
        return { loadBefore, sandboxInOwnProcess: separate.figures, sandboxInThisThread: sameThread, loadAfter: machineLoad() };
      },
      teardown: () => own.close(),
    };
  },
};

export default suite;
