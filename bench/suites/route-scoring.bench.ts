// One scoring request over the SSH jump route against the same request straight to the scoring server: Airlock's
// data-plane client (undici over an ssh2 direct-tcpip channel through Debian's sshd on loopback, TLS for the
// endpoint's real name, connection kept alive) against a raw Node https request to the scoring server's
// loopback port with the right servername (keep-alive agent). Sequential, interleaved. Beside it: https through
// OpenSSH's ssh -L to the same sshd, Airlock over the sandbox's ssh2 jump host (by private name), and the
// same direct client through a bare TCP relay process (tcp-relay-process.ts): the floor any hop through another
// process sets here, p99 above all; and the same direct client to a scoring server in a process of its own
// (scoring-server-process.ts), where a real endpoint is: one process boundary, no route at all.
// Goals from issue 10: p50 ≤ 1.2× direct, p99 ≤ 2× its p50.
import { summarize, type Summary } from '../stats';
import { SkipSuite, type BenchSuite } from '../suite';
import { jumpDriverTo, machineLoad, sandboxJumpHost } from '../routes/airlock-routes';
import { freeLoopbackPort, opensshMissing, startBenchSshd } from '../routes/openssh-jump';
import { startTcpRelayProcess } from '../routes/tcp-relay-process';
import { startScoringServerProcess } from '../routes/scoring-server-process';
import { airlockScoring, answerIsOwn, directScoring, directScoringTo, scoringCall, scoringHostOnLoopback, startBenchScoring } from '../routes/scoring-over-route';

const EXTRA_RUNS = 300;
let n = 0;

function own(ok: boolean, what: string): void {
  if (!ok) throw new Error(`${what}: an answer was not its request's own`);
}

const round = (s: Summary) => ({ p50: +s.p50.toFixed(3), p95: +s.p95.toFixed(3), p99: +s.p99.toFixed(3), n: s.n });

const suite: BenchSuite = {
  id: 'route-scoring',
  title: 'Scoring request over the SSH jump route (Debian sshd) vs direct',
  goal: 'Airlock p50 ≤ 1.2× direct, Airlock p99 ≤ 2× its p50',
  goalMet: (baseline, airlock) => airlock.p50 <= 1.2 * baseline.p50 && airlock.p99 <= 2 * airlock.p50,
  iterations: Number(process.env['BENCH_ROUTE_SCORING_ITERATIONS'] ?? 2000),
  warmup: 100,
  async setup() {
    if (opensshMissing) throw new SkipSuite(opensshMissing);
    const loadBefore = machineLoad();
    const fx = await startBenchScoring();
    const token = await fx.amlToken();
    const sshd = await startBenchSshd({ permitOpen: [`127.0.0.1:${fx.scoring.port}`] });
    const route = await (await jumpDriverTo(sshd)).connect(new AbortController().signal);
    const mapped = scoringHostOnLoopback(fx)(route);
    const airlock = airlockScoring(fx, token, () => mapped);
    const direct = directScoring(fx, token, 1);
    const { jump, driver } = await sandboxJumpHost(fx.network, fx.ctx);
    const sandboxRoute = await driver.connect(new AbortController().signal);
    const viaSandbox = airlockScoring(fx, token, () => sandboxRoute);
    const local = await freeLoopbackPort();
    const openssh = await sshd.ssh(['-L', `127.0.0.1:${local}:127.0.0.1:${fx.scoring.port}`], 'Local forwarding listening on 127.0.0.1 port');
    const viaOpenssh = directScoring(fx, token, 1, local);
    const relay = await startTcpRelayProcess(fx.scoring.port);
    const viaRelay = directScoring(fx, token, 1, relay.port);
    const far = await startScoringServerProcess();
    const toFar = directScoringTo(far, far.token, 1);

    return {
      baseline: {
        name: 'direct https (keep-alive)',
        run: async () => {
          const call = scoringCall(n++);
          own(answerIsOwn(call, await direct.score(call)), 'direct');
        },
      },
      airlock: {
        name: 'Airlock client over SSH route',
        run: async () => {
          const call = scoringCall(n++);
          own(answerIsOwn(call, await airlock.score(call)), 'Airlock');
        },
      },
      async extra() {
        const sample = async (score: typeof direct.score, what: string) => {
          const ms: number[] = [];
          for (let i = 0; i < EXTRA_RUNS; i++) {
            const call = scoringCall(n++);
            const start = performance.now();
            own(answerIsOwn(call, await score(call)), what);
            ms.push(performance.now() - start);
          }
          return round(summarize(ms.slice(20)));
        };
        const directMs = await sample(direct.score, 'direct');
        const relayMs = await sample(viaRelay.score, 'TCP relay process');
        const farMs = await sample(toFar.score, 'scoring server process');
        return {
          loadBefore,
          directMs,
          httpsThroughBareTcpRelayProcessMs: relayMs,
          relayP99OverP50: +(relayMs.p99 / relayMs.p50).toFixed(2),
          directToScoringServerProcessMs: farMs,
          serverProcessP99OverP50: +(farMs.p99 / farMs.p50).toFixed(2),
          httpsOverOpensshForwardMs: await sample(viaOpenssh.score, 'OpenSSH ssh -L'),
          airlockOverSandboxJumpHostMs: await sample(viaSandbox.score, 'sandbox jump host'),
          loadAfter: machineLoad(),
        };
      },
      teardown: async () => {
        airlock.client.close();
        viaSandbox.client.close();
        direct.close();
        viaOpenssh.close();
        viaRelay.close();
        toFar.close();
        await far.stop();
        await relay.stop();
        await openssh.stop();
        await route.close();
        await sandboxRoute.close();
        await jump.stop();
        await sshd.kill();
        await fx.stop();
      },
    };
  },
};

export default suite;
