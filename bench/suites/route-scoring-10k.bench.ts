// 10k scoring requests at concurrency 50 over ONE route, with the jump host killed mid-run. Airlock: the route
// manager holds the SSH jump route (openSshRoute through Debian's sshd on loopback), the data-plane client asks
// it for the up route per request. After a third of the answers sshd and all its sessions are SIGKILLed, and
// started again on the same port a moment later: in-flight requests must fail typed and retryable
// (E_ROUTE_DROPPED; requests asked while no route is up get E_ROUTE_DOWN without being sent), the manager must
// reconnect on its own, and each failed request is sent again once the route is up. Checked: 0 lost (every id
// answered), 0 mixed up (each answer is its own: echoed id + the model's exact answer for that body), every
// failure typed + retryable, memory flat (heap after a GC, before vs after, < 20 MiB; RSS reported beside it,
// also from just before the Airlock run; then a second 10k, no kill, must leave RSS within 16 MiB and the
// heap within 2 MiB of where the first left them). Baseline: the same 10k
// straight to the scoring server at concurrency 50 (keep-alive, 16 sockets like Airlock's pool), no kill.
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { systemClock, systemScheduler } from '../../electron/services/ports';
import { createRouteManager } from '../../electron/services/routes';
import type { AirlockError } from '../../shared/errors/airlock-error';
import { summarize } from '../stats';
import { SkipSuite, type BenchSuite } from '../suite';
import { jumpDriverTo, machineLoad } from '../routes/airlock-routes';
import { opensshMissing, startBenchSshd } from '../routes/openssh-jump';
import { airlockScoring, answerIsOwn, directScoring, scoringCall, scoringHostOnLoopback, startBenchScoring, type ScoringAnswer, type ScoringCall } from '../routes/scoring-over-route';

const TOTAL = Number(process.env['BENCH_ROUTE_10K'] ?? 10_000);
const CONCURRENCY = 50;
const KILL_AT = Math.floor(TOTAL / 3);
/** How long the jump host stays dead before it is started again on the same port. */
const DOWN_MS = 500;
/** A second 10k may move RSS by at most this much past the first's end (allocator noise, not growth per request). */
const SECOND_RUN_RSS_MIB = 16; // five passes in a row moved RSS by −10…+12 MiB around a plateau

/** gc() made on first use, not at import: `npm run bench` imports every suite, and V8 flags set at run time
 * have crashed other suites' runs (a fatal 'unreachable code' in the deoptimizer) when set for all of them. */
let gcFn: (() => void) | null = null;
function gc(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

/** The in-process sandbox scoring server's test context records every event it logs (an array that grows per
 * request): that is the fixture's memory, not Airlock's, so it is emptied before each reading. */
let forgetFixtureEvents: () => void = () => undefined;

function memory(): { rssMiB: number; heapUsedMiB: number } {
  forgetFixtureEvents();
  gc();
  const m = process.memoryUsage();
  return { rssMiB: Math.round(m.rss / 2 ** 20), heapUsedMiB: Math.round((m.heapUsed / 2 ** 20) * 10) / 10 };
}

interface RunReport {
  answered: number;
  mixedUp: number;
  failures: Record<string, number>;
  untypedOrNotRetryable: number;
  latencyMs: number[];
}

/** Sends ids 0..TOTAL-1 with CONCURRENCY workers; a retryable failure waits for `ready()` and sends the same id again. */
async function runAll(base: number, score: (call: ScoringCall) => Promise<ScoringAnswer>, onAnswered: (count: number) => void, ready: () => Promise<void>): Promise<RunReport> {
  const report: RunReport = { answered: 0, mixedUp: 0, failures: {}, untypedOrNotRetryable: 0, latencyMs: [] };
  let next = 0;
  const worker = async () => {
    while (next < TOTAL) {
      const call = scoringCall(base + next++);
      for (;;) {
        const start = performance.now();
        try {
          const answer = await score(call);
          report.latencyMs.push(performance.now() - start);
          if (!answerIsOwn(call, answer)) report.mixedUp += 1;
          report.answered += 1;
          onAnswered(report.answered);
          break;
        } catch (error) {
          const e = error as AirlockError;
          const code = typeof e.code === 'string' ? e.code : 'untyped';
          report.failures[code] = (report.failures[code] ?? 0) + 1;
          if (code === 'untyped' || e.retryable !== true) {
            report.untypedOrNotRetryable += 1;
            break;
          }
          await ready();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return report;
}

let checks: Record<string, unknown> = {};
let passed = false;

const suite: BenchSuite = {
  id: 'route-scoring-10k',
  title: `${TOTAL} scoring requests at concurrency ${CONCURRENCY} over one SSH route, jump host killed mid-run`,
  goal: '0 lost, 0 mixed up, in-flight failures typed + retryable, route reconnects, the rest succeed, memory flat',
  goalMet: () => passed,
  iterations: 1,
  warmup: 0,
  async setup() {
    if (opensshMissing) throw new SkipSuite(opensshMissing);
    const loadBefore = machineLoad();
    const fx = await startBenchScoring();
    forgetFixtureEvents = () => void (fx.ctx.events.length = 0);
    const token = await fx.amlToken();
    const sshd = await startBenchSshd({ permitOpen: [`127.0.0.1:${fx.scoring.port}`] });
    const driver = await jumpDriverTo(sshd);
    const manager = createRouteManager({ driverFor: () => driver, clock: systemClock, scheduler: systemScheduler });
    const states: string[] = [];
    manager.onStatus((s) => states.push(s.state));
    await manager.connect('Sandbox', 'jump');
    const onLoopback = scoringHostOnLoopback(fx);
    const airlock = airlockScoring(fx, token, () => onLoopback(manager.connection('Sandbox', ['jump'])));
    const direct = directScoring(fx, token, 16);
    const up = () =>
      new Promise<void>((resolve) => {
        if (manager.status('Sandbox', 'jump').state === 'up') return resolve();
        const off = manager.onStatus((s) => {
          if (s.state === 'up') {
            off();
            resolve();
          }
        });
      });
    // Warm both paths (JIT, TLS sessions, pools) before the memory baseline.
    for (let i = 0; i < 200; i++) {
      await airlock.score(scoringCall(1_000_000 + i));
      await direct.score(scoringCall(1_000_000 + i));
    }
    const memoryBefore = memory();
    let airlockReport: RunReport | null = null;
    let baselineReport: RunReport | null = null;
    let reconnectMs: number | null = null;
    let memoryBeforeAirlockRun: ReturnType<typeof memory> | null = null;

    return {
      baseline: {
        name: 'direct https, no kill',
        run: async () => {
          baselineReport = await runAll(0, direct.score, () => undefined, () => Promise.resolve());
        },
      },
      airlock: {
        name: 'Airlock over SSH route, sshd killed',
        run: async () => {
          // The direct run goes first in the same process: this is the Airlock run's own starting point.
          memoryBeforeAirlockRun = memory();
          const killed: Array<Promise<void>> = [];
          airlockReport = await runAll(
            0,
            airlock.score,
            (count) => {
              if (count !== KILL_AT || killed.length > 0) return;
              killed.push(
                (async () => {
                const at = performance.now();
                await sshd.kill();
                await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
                await sshd.start();
                await up();
                reconnectMs = Math.round(performance.now() - at);
                })(),
              );
            },
            up,
          );
          await Promise.all(killed);
        },
      },
      async extra() {
        const memoryAfter = memory();
        // Flat means no growth per request: a second 10k over the same (reconnected) route, no kill, must not
        // move RSS or the heap much past where the first left them (the first run's rise is warm-up: pools,
        // TLS sessions, JIT, the allocator's arenas).
        const again = await runAll(TOTAL, airlock.score, () => undefined, up);
        const memoryAfterSecondRun = memory();
        const a = airlockReport!;
        const b = baselineReport!;
        const lat = (r: RunReport) => {
          const s = summarize(r.latencyMs);
          return { p50: +s.p50.toFixed(2), p95: +s.p95.toFixed(2), p99: +s.p99.toFixed(2) };
        };
        const lost = TOTAL - a.answered;
        passed =
          lost === 0 &&
          a.mixedUp === 0 &&
          a.untypedOrNotRetryable === 0 &&
          Object.keys(a.failures).every((code) => code === 'E_ROUTE_DROPPED' || code === 'E_ROUTE_DOWN') &&
          (a.failures['E_ROUTE_DROPPED'] ?? 0) > 0 &&
          reconnectMs !== null &&
          b.answered === TOTAL &&
          b.mixedUp === 0 &&
          memoryAfter.heapUsedMiB - memoryBefore.heapUsedMiB < 20 &&
          again.answered === TOTAL &&
          again.mixedUp === 0 &&
          memoryAfterSecondRun.rssMiB - memoryAfter.rssMiB <= SECOND_RUN_RSS_MIB &&
          memoryAfterSecondRun.heapUsedMiB - memoryAfter.heapUsedMiB < 2;
        checks = {
          loadBefore,
          airlock: { answered: a.answered, lost, mixedUp: a.mixedUp, failures: a.failures, untypedOrNotRetryable: a.untypedOrNotRetryable, latencyMs: lat(a) },
          baseline: { answered: b.answered, mixedUp: b.mixedUp, failures: b.failures, latencyMs: lat(b) },
          killedAfterAnswers: KILL_AT,
          jumpHostDownMs: DOWN_MS,
          killToUpAgainMs: reconnectMs,
          routeStates: states.join('→'),
          memoryBefore,
          memoryBeforeAirlockRun,
          memoryAfter,
          secondRun: { answered: again.answered, mixedUp: again.mixedUp, failures: again.failures, latencyMs: lat(again) },
          memoryAfterSecondRun,
          secondRunGrowthMiB: { rss: memoryAfterSecondRun.rssMiB - memoryAfter.rssMiB, heap: Math.round((memoryAfterSecondRun.heapUsedMiB - memoryAfter.heapUsedMiB) * 10) / 10 },
          loadAfter: machineLoad(),
        };
        return checks;
      },
      teardown: async () => {
        airlock.client.close();
        direct.close();
        await manager.closeAll();
        await sshd.kill();
        await fx.stop();
      },
    };
  },
};

export default suite;
