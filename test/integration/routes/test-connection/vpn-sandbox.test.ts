// Test connection and the data-plane client over the REAL VPN route against the whole sandbox: engineer C's
// posture check asks the sandbox's loopback DNS server, the route manager brings the VPN route up, its
// connector dials only the loopback ports that play private addresses, and TLS is verified against the
// scoring host's real name with the environment's CA file. VPN off: the dns step says so in words.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEnvironmentFile, type Environment } from '../../../../electron/services/environments';
import { systemClock, systemScheduler } from '../../../../electron/services/ports';
import {
  checkPosture,
  createEnvironmentTrust,
  createRouteHttpClient,
  createRouteManager,
  createSandboxResolver,
  privateRanges,
  runConnectionTest,
  vpnDriverForEnvironment,
  type RouteManager,
} from '../../../../electron/services/routes';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/start-sandbox';

let sandbox: RunningSandbox;
let env: Environment;
let stateDir: string;
let manager: RouteManager;
let scoringHost: string;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-test-connection-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox') });
  env = await loadEnvironmentFile(sandbox.environmentPath);
  const records = sandbox.environment.dnsMap.records;
  scoringHost = Object.keys(records).find((name) => name.endsWith('.inference.ml.azure.com') && records[name]?.cname)!;
  manager = createRouteManager({
    driverFor: (id, via) => (id === env.id && via === 'vpn' ? vpnDriverForEnvironment(env, { clock: systemClock, scheduler: systemScheduler }) : null),
    clock: systemClock,
    scheduler: systemScheduler,
  });
}, 60_000);

afterEach(async () => {
  // The sandbox mirrors in-process flips into its control file and applies that file when it changes, so a
  // quick off → on can come back as off a moment later (reported to the sandbox's owner): flip until private.
  const resolver = createSandboxResolver({ dnsServer: env.network.dnsServer!, scheduler: systemScheduler });
  await vi.waitFor(
    async () => {
      sandbox.network.mode.setVpn('on');
      expect((await resolver.lookup(scoringHost))[0]?.address).toMatch(/^10\./);
    },
    { timeout: 10_000, interval: 100 },
  );
  await manager.closeAll();
});

afterAll(async () => {
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

function vpnTest(trust = createEnvironmentTrust()) {
  const resolver = createSandboxResolver({ dnsServer: env.network.dnsServer!, scheduler: systemScheduler });
  return trust.caFor(env).then((ca) =>
    runConnectionTest({
      host: scoringHost,
      via: 'vpn',
      ca,
      posture: (host, signal) => checkPosture(host, { resolver, ranges: privateRanges(env.network.privateRanges) }, signal),
      ensureRoute: async () => {
        await manager.connect(env.id, 'vpn');
        return manager.connection(env.id, ['vpn'], scoringHost);
      },
    }),
  );
}

describe('Test connection over the sandbox VPN route', () => {
  it('VPN on: dns (privatelink chain, 10.x) → tcp → tls → http 401, all ok', async () => {
    const result = await vpnTest();
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['http', true],
    ]);
    expect(result.steps[0]!.detail).toMatch(/\.privatelink\.api\.azureml\.ms → 10\.[0-9.]+ \(private\)$/);
    expect(result.steps[3]).toMatchObject({ status: 401, detail: 'The endpoint answers and asks for credentials (401).' });
    expect(result.ok).toBe(true);
  }, 30_000);

  it('the data-plane client carries a request over the manager’s VPN route, and refuses when it is down', async () => {
    const client = createRouteHttpClient({ environment: env, trust: createEnvironmentTrust(), route: (host) => manager.connection(env.id, ['vpn'], host), via: 'vpn' });
    await expect(client.request({ url: `https://${scoringHost}/swagger.json` })).rejects.toMatchObject({ code: 'E_ROUTE_DOWN' });
    await manager.connect(env.id, 'vpn');
    const answer = await client.request({ url: `https://${scoringHost}/swagger.json` });
    expect(answer.status).toBe(401);
    expect(answer.timing.reused).toBe(false);
    expect((await client.request({ url: `https://${scoringHost}/swagger.json` })).timing.reused).toBe(true);
    client.close();
  }, 30_000);

  // Last: the sandbox may flip back to off a moment after an in-process off → on (see afterEach).
  it('VPN off: the dns step fails with the public address in words and nothing else runs', async () => {
    sandbox.network.mode.setVpn('off');
    const result = await vpnTest();
    expect(result.ok).toBe(false);
    expect(result.steps[0]).toMatchObject({ name: 'dns', ok: false, code: 'E_NOT_PRIVATE' });
    expect(result.steps[0]!.cause).toMatch(new RegExp(`^Private DNS gave a public address: ${scoringHost.replace(/\./g, '\\.')} resolved to [0-9.]+\\. Private DNS is not answering: connect to the VPN\\.$`));
    expect(result.steps.slice(1).every((s) => s.skipped === true)).toBe(true);
    expect(manager.status(env.id, 'vpn').state).toBe('off');
  }, 30_000);
});
