// Invoke overhead (issue 11): one endpoint.score of credit-ep (AMLToken) through the whole path — the
// in-process door (host 'cli') → guard (policy decision, two durable audit records) → invoke handler → payload
// check (size, JSON, the deployment's swagger schema) → the cached AML token → Airlock's data-plane client
// (undici) on the VPN route → the sandbox scoring server — against a raw undici POST with an AML token for the
// same endpoint to the same scoring server over the same transport (TCP to the loopback port the private
// network publishes the scoring host on, TLS for the real name, keep-alive, pipelining 1). Sequential,
// interleaved, same bodies. What a score leaves for just after its answer (the sealed history write, the
// anomaly detector learning the two records) is let run between samples, untimed, so it never lands inside a
// baseline sample. The sandbox runs as its own process, as in the app. Goal: Airlock p50 ≤ 1.10× raw and ≤ raw + 1 ms.
import { systemClock } from '../../electron/services';
import { summarize, type Summary } from '../stats';
import type { BenchSuite } from '../suite';
import { machineLoad } from '../routes/airlock-routes';
import { scoringCall } from '../routes/scoring-over-route';
import { rawUndiciScoring } from '../invoke/raw-undici-scoring';
import { startWholeSandboxAirlock } from '../invoke/whole-sandbox-airlock';

/** A second baseline pass (A/A), sequential, after the timed runs: the machine's own drift between two runs of the same thing. */
const AA_RUNS = 500;
let n = 0;

const round = (s: Summary) => ({ p50: +s.p50.toFixed(3), p90: +s.p90.toFixed(3), p99: +s.p99.toFixed(3), n: s.n });

const suite: BenchSuite = {
  id: 'invoke-overhead',
  title: 'Invoke (endpoint.score, AMLToken) through door + guard + audit + cached token over the VPN route vs raw undici POST',
  goal: 'Airlock p50 ≤ 1.10× raw undici and ≤ raw + 1 ms',
  goalMet: (baseline, airlock) => airlock.p50 <= 1.1 * baseline.p50 && airlock.p50 - baseline.p50 <= 1,
  iterations: Number(process.env['BENCH_INVOKE_ITERATIONS'] ?? 2000),
  warmup: 200,
  async setup() {
    const loadBefore = machineLoad();
    // The sandbox as its own process, where `npm start` and `npm run preview` put it (Azure is remote): in this
    // thread its IdP (oidc-provider) runs requests in an AsyncLocalStorage, which turns on promise hooks for
    // the whole process, a tax on every promise that only the many-promise side (Airlock) paid: ~0.1 ms here.
    const fx = await startWholeSandboxAirlock({ clock: systemClock, sandboxIn: 'process' });
    const raw = rawUndiciScoring(fx.scoring);
    const token = await fx.rawAmlToken();
    const firstStatus = (await fx.score(scoringCall(n++).body)).status;
    if (firstStatus !== 200) throw new Error(`endpoint.score answered ${firstStatus}`);
    if ((await raw.score(scoringCall(n++).body, token)) !== 200) throw new Error('the raw POST was refused');
    const airlockSamples: number[] = [];
    const baselineSamples: number[] = [];
    return {
      baseline: {
        name: 'raw undici POST (same token kind, same server, same transport)',
        run: async () => {
          const start = performance.now();
          const status = await raw.score(scoringCall(n++).body, token);
          baselineSamples.push(performance.now() - start);
          if (status !== 200) throw new Error(`raw POST answered ${status}`);
        },
      },
      airlock: {
        name: 'endpoint.score via in-process door (guard, audit, cached AML token, VPN route)',
        run: async () => {
          const start = performance.now();
          const result = await fx.score(scoringCall(n++).body);
          airlockSamples.push(performance.now() - start);
          if (result.status !== 200) throw new Error(`endpoint.score answered ${result.status}`);
        },
        // The history write lands just after the answer: let it, untimed, so it never runs inside a baseline sample.
        after: () => fx.settled(),
      },
      async extra() {
        const timed = airlockSamples.slice(-suite.iterations);
        const based = baselineSamples.slice(-suite.iterations);
        const again: number[] = [];
        for (let i = 0; i < AA_RUNS; i++) {
          const start = performance.now();
          await raw.score(scoringCall(n++).body, token);
          again.push(performance.now() - start);
        }
        // Where the added time goes, roughly: the door + guard + audit alone on a trivial call (app.info).
        const guarded: number[] = [];
        const direct: number[] = [];
        for (let i = 0; i < AA_RUNS; i++) {
          let start = performance.now();
          await fx.door.call('app.info', undefined);
          guarded.push(performance.now() - start);
          start = performance.now();
          await fx.airlock.services.app.info();
          direct.push(performance.now() - start);
        }
        const a = summarize(timed);
        const b = summarize(based);
        const b2 = summarize(again);
        return {
          transport: 'both: TCP to the scoring host loopback port (VPN route mapping), TLS for the real name, HTTP/1.1 keep-alive, pipelining 1',
          loadBefore,
          airlockMs: round(a),
          baselineMs: round(b),
          ratioP50: +(a.p50 / b.p50).toFixed(3),
          addedP50Ms: +(a.p50 - b.p50).toFixed(3),
          baselineSecondPassMs: round(b2),
          noiseBaselineTwiceP50: +(Math.max(b.p50, b2.p50) / Math.min(b.p50, b2.p50)).toFixed(3),
          doorGuardAuditAloneP50Ms: +(summarize(guarded).p50 - summarize(direct).p50).toFixed(3),
          sandbox: 'its own process (sandbox-process.ts)',
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
