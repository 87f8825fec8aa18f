// Bulk throughput over the SSH jump route: Airlock's route (ssh2 `forwardOut` as openSshRoute opens it) against
// OpenSSH's own `ssh -N -L` (the real client, host key pinned), both through the same Debian sshd on loopback
// (started here, own config and keys) to the same loopback sink, interleaved. Each iteration sends
// BENCH_ROUTE_MB (default 256) MiB and stops when the sink confirmed the last byte. Beside it: OpenSSH with
// aes128-gcm (ssh2's default cipher here; OpenSSH's default is chacha20-poly1305), the sandbox's ssh2 jump host
// (which would cap both clients, hence sshd for the ratio) and direct TCP (the floor).
// Goal from issue 10: ≥ 0.8× OpenSSH's throughput, i.e. Airlock's time ≤ 1.25× at p50.
import { connect } from 'node:net';
import { summarize } from '../stats';
import { SkipSuite, type BenchSuite } from '../suite';
import { machineLoad, mibPerS, jumpDriverTo, sandboxJumpHost } from '../routes/airlock-routes';
import { MiB, sendBulk, startBulkSink } from '../routes/bulk-sink';
import { freeLoopbackPort, opensshMissing, startBenchSshd } from '../routes/openssh-jump';
import { createPrivateNetwork } from '../../sandbox/network/private-network';

const SIZE = Number(process.env['BENCH_ROUTE_MB'] ?? 256) * MiB;
const EXTRA_RUNS = 3;
const SINK_NAME = 'bulk-sink.internal.sandbox';

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const viaPort = (port: number) => () => {
  const socket = connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  return sendBulk(socket, SIZE);
};

const suite: BenchSuite = {
  id: 'route-bulk',
  title: `Bulk ${SIZE / MiB} MiB over the SSH jump route (Debian sshd)`,
  goal: 'Airlock ≥ 0.8× OpenSSH ssh -L throughput (time p50 ≤ 1.25×)',
  goalMet: (baseline, airlock) => airlock.p50 <= 1.25 * baseline.p50,
  iterations: Number(process.env['BENCH_ROUTE_ITERATIONS'] ?? 6),
  warmup: 1,
  async setup() {
    if (opensshMissing) throw new SkipSuite(opensshMissing);
    const loadBefore = machineLoad();
    const sink = await startBulkSink();
    const sshd = await startBenchSshd({ permitOpen: [`127.0.0.1:${sink.port}`] });
    const forwardTo = async (cipher?: string) => {
      const local = await freeLoopbackPort();
      const ssh = await sshd.ssh([...(cipher ? ['-c', cipher] : []), '-L', `127.0.0.1:${local}:127.0.0.1:${sink.port}`], 'Local forwarding listening on 127.0.0.1 port');
      return { local, ssh };
    };
    const openssh = await forwardTo();
    const route = await (await jumpDriverTo(sshd)).connect(new AbortController().signal);
    const network = createPrivateNetwork();
    network.publish({ hostname: SINK_NAME, port: 9000, loopbackPort: sink.port });
    const sandbox = await sandboxJumpHost(network);
    const sandboxRoute = await sandbox.driver.connect(new AbortController().signal);
    const airlockRun = async () => sendBulk(await route.openStream('127.0.0.1', sink.port), SIZE);

    return {
      baseline: { name: 'OpenSSH ssh -L (default cipher)', run: viaPort(openssh.local) },
      airlock: { name: 'Airlock SSH route (ssh2)', run: airlockRun },
      async extra() {
        const figures: Record<string, unknown> = { sizeMiB: SIZE / MiB, runsEach: EXTRA_RUNS, loadBefore };
        const gcm = await forwardTo('aes128-gcm@openssh.com');
        const chacha = await forwardTo('chacha20-poly1305@openssh.com');
        const paths: Array<[string, () => Promise<void>]> = [
          ['airlockSshRoute', airlockRun],
          ['opensshDefault', viaPort(openssh.local)],
          ['opensshAes128Gcm', viaPort(gcm.local)],
          ['opensshChacha20', viaPort(chacha.local)],
          ['airlockViaSandboxJumpHost', async () => sendBulk(await sandboxRoute.openStream(SINK_NAME, 9000), SIZE)],
          ['directTcp', viaPort(sink.port)],
        ];
        const samples = new Map<string, number[]>(paths.map(([name]) => [name, []]));
        for (let i = 0; i < EXTRA_RUNS; i++) for (const [name, run] of paths) samples.get(name)!.push(await timed(run));
        for (const [name, ms] of samples) {
          const s = summarize(ms);
          figures[name] = { p50MiBs: mibPerS(SIZE, s.p50), bestMiBs: mibPerS(SIZE, s.min), runsMiBs: ms.map((m) => mibPerS(SIZE, m)) };
        }
        const p50 = (name: string) => summarize(samples.get(name)!).p50;
        figures['ratioVsOpensshDefault'] = Math.round((p50('opensshDefault') / p50('airlockSshRoute')) * 100) / 100;
        figures['ratioVsOpensshAes128Gcm'] = Math.round((p50('opensshAes128Gcm') / p50('airlockSshRoute')) * 100) / 100;
        figures['loadAfter'] = machineLoad();
        await gcm.ssh.stop();
        await chacha.ssh.stop();
        return figures;
      },
      teardown: async () => {
        await route.close();
        await sandboxRoute.close();
        await sandbox.jump.stop();
        await openssh.ssh.stop();
        await sshd.kill();
        await sink.close();
      },
    };
  },
};

export default suite;
