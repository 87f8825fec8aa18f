// Time to "up" for each route, next to OpenSSH's `ssh -N` to the same host. Timed: the route manager's
// connect() until it reports `up` (then disconnect, untimed) against `ssh -N -v` from spawn until it logs
// "Authenticated to" (then killed, untimed), both to Debian's sshd on loopback started here (host key pinned,
// key file sign-in). Beside it: the jump route and `ssh -N` to the sandbox's ssh2 jump host, the VPN route
// against the whole running sandbox (posture check of the canary name through its loopback DNS server), and
// the Bastion route against the sandbox Bastion (token exchange, WebSocket tunnel, SSH over it; the ARM
// bastionHosts read is answered in process, tokens minted by the test issuer). Loopback only.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnvironmentFile } from '../../electron/services/environments';
import { systemClock, systemScheduler, type HttpsResponse } from '../../electron/services/ports';
import { createBastionDriver, createKnownHostsStore, createRouteManager, createSandboxConnector, vpnDriverForEnvironment, type RouteDriver } from '../../electron/services/routes';
import { startBastion } from '../../sandbox/network/bastion';
import { bastionHost } from '../../sandbox/network/bastion-host';
import { createPrivateNetwork } from '../../sandbox/network/private-network';
import { startSandbox } from '../../sandbox/start-sandbox';
import { createTestContext } from '../../test/support/sandbox/test-context';
import { createTestTokenIssuer } from '../../test/support/sandbox/test-tokens';
import { summarize } from '../stats';
import { SkipSuite, type BenchSuite } from '../suite';
import { jumpDriverTo, machineLoad, sandboxJumpHost } from '../routes/airlock-routes';
import { opensshMissing, spawnSsh, startBenchSshd } from '../routes/openssh-jump';

const EXTRA_RUNS = Number(process.env['BENCH_ROUTE_UP_EXTRA'] ?? 15);
const ALICE = { oid: 'a11ce000-1111-4aaa-8aaa-000000000001', preferred_username: 'alice@contoso.test' };
const ARM = { armEndpoint: 'https://management.azure.com', armScope: 'https://management.azure.com/.default', armLegacyScope: 'https://management.core.windows.net//.default' };

/** connect() → up through a route manager of its own, timed; disconnect untimed. */
function upTimer(driver: RouteDriver): () => Promise<number> {
  const manager = createRouteManager({ driverFor: () => driver, clock: systemClock, scheduler: systemScheduler });
  return async () => {
    const start = performance.now();
    const status = await manager.connect('Bench', driver.via);
    const ms = performance.now() - start;
    if (status.state !== 'up') throw new Error(`${driver.via} route not up: ${status.state}`);
    await manager.disconnect('Bench', driver.via);
    return ms;
  };
}

const round = (ms: number[]) => {
  const s = summarize(ms);
  return { p50: +s.p50.toFixed(1), p95: +s.p95.toFixed(1), min: +s.min.toFixed(1), n: s.n };
};

const suite: BenchSuite = {
  id: 'route-up',
  title: 'Time to up: SSH jump route vs ssh -N (Debian sshd)',
  goal: 'reported next to ssh -N (no ratio goal in issue 10)',
  iterations: Number(process.env['BENCH_ROUTE_UP_ITERATIONS'] ?? 30),
  warmup: 2,
  async setup() {
    if (opensshMissing) throw new SkipSuite(opensshMissing);
    const loadBefore = machineLoad();
    const sshd = await startBenchSshd({ permitOpen: ['127.0.0.1:9'] });
    const jumpUp = upTimer(await jumpDriverTo(sshd));
    const sshN = async () => {
      const ssh = await sshd.ssh([], 'Authenticated to');
      await ssh.stop();
    };

    return {
      baseline: { name: 'ssh -N (spawn → authenticated)', run: sshN },
      airlock: { name: 'Airlock jump route (connect → up)', run: async () => void (await jumpUp()) },
      async extra() {
        const figures: Record<string, unknown> = { loadBefore };
        // The sandbox's ssh2 jump host: Airlock's jump route and ssh -N to it.
        const ctx = await createTestContext();
        const network = createPrivateNetwork();
        const sandbox = await sandboxJumpHost(network, ctx);
        const sandboxUp = upTimer(sandbox.driver);
        const alice = sandbox.jump.users[0]!;
        const known = path.join(await mkdtemp(path.join(tmpdir(), 'airlock-bench-known-')), 'known_hosts');
        await writeFile(known, `${sandbox.jump.knownHostsLine()}\n`);
        const sshToSandbox = async () => {
          const start = performance.now();
          const ssh = await spawnSsh({ port: sandbox.jump.port, username: alice.login, userKey: alice.privateKeyPath, knownHosts: known }, [], 'Authenticated to');
          const ms = performance.now() - start;
          await ssh.stop();
          return ms;
        };
        // The Bastion route: sandbox Bastion in front of the same ssh2 jump host.
        const issuer = await createTestTokenIssuer(ctx.seed.tenant.id, ctx.now);
        const bastion = await startBastion(ctx, { verifier: issuer.verifier, network, jumpHost: sandbox.jump });
        const { dnsName, resourceId } = bastionHost(ctx.seed);
        const bastionDriver = createBastionDriver(
          ARM,
          { bastionResourceId: resourceId, vmResourceId: bastion.vmResourceId, vmPort: 22 },
          {
            armToken: (scope) => issuer.mint({ aud: scope === ARM.armLegacyScope ? 'https://management.core.windows.net/' : 'https://management.azure.com', ...ALICE }),
            armSend: (): Promise<HttpsResponse> =>
              Promise.resolve({ status: 200, headers: {}, text: JSON.stringify({ id: resourceId, name: 'bst-sandbox', sku: { name: 'Standard' }, properties: { dnsName, enableTunneling: true } }) }),
            connector: createSandboxConnector({ servicePorts: { [`${dnsName}:443`]: bastion.port }, scheduler: systemScheduler }),
            caPem: ctx.ca.certPem,
            username: alice.login,
            auth: { kind: 'key-file', path: alice.privateKeyPath },
            hostKey: { pinned: sandbox.jump.hostKeySha256, allowFirstUse: false, store: createKnownHostsStore(ctx.stateDir).forEnvironment('bench') },
            logger: { log: () => undefined },
            clock: systemClock,
          },
        );
        const bastionUp = upTimer(bastionDriver);
        // The VPN route: the whole sandbox (its loopback DNS server answers the canary name privately).
        const whole = await startSandbox({ stateDir: await mkdtemp(path.join(tmpdir(), 'airlock-bench-sandbox-')) });
        const env = await loadEnvironmentFile(whole.environmentPath);
        const vpnUp = upTimer(vpnDriverForEnvironment(env, { clock: systemClock, scheduler: systemScheduler }));

        const runs: Record<string, number[]> = { jumpRouteToSandboxJumpHost: [], sshNToSandboxJumpHost: [], bastionRoute: [], vpnRoute: [] };
        for (let i = 0; i < EXTRA_RUNS + 2; i++) {
          const sample = [await sandboxUp(), await sshToSandbox(), await bastionUp(), await vpnUp()];
          if (i < 2) continue; // warm-up
          Object.values(runs).forEach((list, k) => list.push(sample[k]!));
        }
        for (const [name, ms] of Object.entries(runs)) figures[`${name}Ms`] = round(ms);
        figures['loadAfter'] = machineLoad();
        await bastionDriver.closeAll();
        await bastion.stop();
        await sandbox.jump.stop();
        await whole.stop();
        return figures;
      },
      teardown: async () => {
        await sshd.kill();
      },
    };
  },
};

export default suite;
