// The VPN route against the real sandbox: Airlock reads the sandbox's environment.json (network block and all),
// its resolver asks the sandbox's loopback DNS server and its connector dials only loopback ports that play
// private addresses. VPN on: the canary and a scoring host resolve through their privatelink CNAME to 10.x, the
// route comes up and carries TLS (verified against the scoring host's real name) to the scoring server. VPN off:
// the same names answer publicly and are refused in words before anything is dialled; NXDOMAIN and a resolver
// that does not answer are refused with their own reasons.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEnvironmentFile, type Environment } from '../../../../electron/services/environments';
import { systemClock, systemScheduler } from '../../../../electron/services/ports';
import {
  checkPosture,
  connectorForEnvironment,
  createRouteManager,
  createSandboxResolver,
  createVpnDriver,
  privateRanges,
  vpnDriverForEnvironment,
  type RouteManager,
  type RouteStatus,
} from '../../../../electron/services/routes';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/start-sandbox';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { ERROR_DETAILS } from '../../../../shared/errors/details';

let sandbox: RunningSandbox;
let env: Environment;
let stateDir: string;
let manager: RouteManager;
let ca: string;
let scoringHost: string;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-vpn-route-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox') });
  env = await loadEnvironmentFile(sandbox.environmentPath);
  ca = await readFile(env.caCertPath!, 'utf8');
  const records = sandbox.environment.dnsMap.records;
  scoringHost = Object.keys(records).find((name) => name.endsWith('.inference.ml.azure.com') && records[name]?.cname)!;
  manager = createRouteManager({ driverFor: (id, via) => (id === env.id && via === 'vpn' ? vpnDriverForEnvironment(env, { clock: systemClock, scheduler: systemScheduler }) : null), clock: systemClock, scheduler: systemScheduler });
}, 60_000);

afterEach(async () => {
  await flip({ vpn: 'on', dns: 'answer' });
  await manager.closeAll();
});

afterAll(async () => {
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/**
 * Flips the sandbox's network in process and waits until its control file says the same: the sandbox writes
 * that file after each change and applies what it reads there, so a read of the previous content could flip
 * the mode back a moment later. Set again once the file has settled.
 */
async function flip(change: { vpn?: 'on' | 'off'; dns?: 'answer' | 'silent' }) {
  const { mode } = sandbox.network;
  const apply = () => {
    if (change.vpn) mode.setVpn(change.vpn);
    if (change.dns) mode.setDnsAnswers(change.dns);
  };
  apply();
  const file = path.join(stateDir, 'sandbox', 'network-mode.json');
  await vi.waitFor(
    async () => {
      const text = await readFile(file, 'utf8').catch(() => '');
      if (change.vpn) expect(text).toContain(`"vpn":"${change.vpn}"`);
      if (change.dns) expect(text).toContain(`"dns":"${change.dns}"`);
    },
    { timeout: 10_000 },
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  apply();
  expect({ vpn: change.vpn ?? mode.vpn, dns: change.dns ?? mode.dnsAnswers }).toEqual({ vpn: mode.vpn, dns: mode.dnsAnswers });
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AirlockError);

function expectNotPrivate(error: AirlockError | null, reason: string) {
  expect(error).toBeInstanceOf(AirlockError);
  expect(error?.code).toBe('E_NOT_PRIVATE');
  expect(error?.details).toMatchObject({ reason });
  expect(ERROR_DETAILS.E_NOT_PRIVATE.safeParse(error?.details).success).toBe(true);
}

describe('VPN route against the sandbox', () => {
  it('reads the sandbox’s network block: loopback DNS server, service ports, canary, legacy ARM scope', () => {
    expect(env.network.dnsServer?.host).toBe('127.0.0.1');
    expect(env.network.canaryHost).toBeTruthy();
    expect(Object.values(env.network.servicePorts ?? {}).length).toBeGreaterThan(0);
    expect(env.armLegacyScope).toBe('https://management.core.windows.net//.default');
  });

  it('comes up with the VPN on and carries TLS, verified against the scoring host’s own name, to the scoring server', async () => {
    const status = await manager.connect(env.id, 'vpn');
    expect(status).toMatchObject({ state: 'up', target: `VPN (sandbox DNS 127.0.0.1:${env.network.dnsServer!.port})`, lastError: null });

    const verdict = await checkPosture(scoringHost, { resolver: createSandboxResolver({ dnsServer: env.network.dnsServer!, scheduler: systemScheduler }), ranges: privateRanges(env.network.privateRanges) });
    expect(verdict.chain).toHaveLength(2);
    expect(verdict.chain[1]).toMatch(/\.privatelink\.api\.azureml\.ms$/);
    expect(verdict.addresses.every(({ address }) => address.startsWith('10.'))).toBe(true);

    const stream = await manager.connection(env.id, ['vpn']).openStream(scoringHost, 443);
    const tls = tlsConnect({ socket: stream, servername: scoringHost, ca });
    await new Promise<void>((resolve, reject) => tls.once('secureConnect', resolve).once('error', reject));
    tls.write(`GET /swagger.json HTTP/1.1\r\nHost: ${scoringHost}\r\nConnection: close\r\n\r\n`);
    const head = await new Promise<string>((resolve) => tls.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    expect(head).toMatch(/^HTTP\/1\.1 \d{3} /);
    tls.destroy();
    const after = manager.status(env.id, 'vpn');
    expect(after.bytesIn).toBeGreaterThan(0);
    expect(after.bytesOut).toBeGreaterThan(0);
  }, 30_000);

  it('refuses with the VPN off: the canary answers publicly, in words, and nothing is carried', async () => {
    await flip({ vpn: 'off' });
    const error = await failure(manager.connect(env.id, 'vpn'));
    expectNotPrivate(error, 'public-answer');
    expect(error?.message).toContain('Private DNS is not answering: connect to the VPN');
    expect(manager.status(env.id, 'vpn')).toMatchObject({ state: 'failed', lastError: { code: 'E_NOT_PRIVATE' } });
    expect(() => manager.connection(env.id, ['vpn'])).toThrow(expect.objectContaining({ code: 'E_ROUTE_DOWN' }) as Error);
  });

  it('refuses a stream whose name turned public after the route came up', async () => {
    await manager.connect(env.id, 'vpn');
    await flip({ vpn: 'off' });
    const error = await failure(manager.connection(env.id, ['vpn']).openStream(scoringHost, 443));
    expectNotPrivate(error, 'public-answer');
    expect(error?.details).toMatchObject({ host: scoringHost, chain: scoringHost });
  });

  it('refuses a name private DNS does not know, and a resolver that does not answer', async () => {
    await manager.connect(env.id, 'vpn');
    expectNotPrivate(await failure(manager.connection(env.id, ['vpn']).openStream(`nobody.${env.inferenceDnsSuffix.replace(/^inference/, 'westeurope.inference')}`, 443)), 'nxdomain');

    await flip({ dns: 'silent' });
    const quick = createVpnDriver(env, {
      resolver: createSandboxResolver({ dnsServer: env.network.dnsServer!, scheduler: systemScheduler, timeoutMs: 300 }),
      connector: connectorForEnvironment(env, systemScheduler),
      clock: systemClock,
      resolverLabel: 'sandbox DNS',
    });
    expectNotPrivate(await failure(quick.connect(new AbortController().signal)), 'timeout');
  });

  it('notices the VPN going away through its probes, says it is reconnecting, and comes back when the VPN does', async () => {
    const quickManager = createRouteManager({
      driverFor: () => vpnDriverForEnvironment(env, { clock: systemClock, scheduler: systemScheduler }),
      clock: systemClock,
      scheduler: systemScheduler,
      timing: { probeIntervalMs: 50, failedProbesBeforeDrop: 2, reconnectInitialMs: 50, reconnectMaxMs: 200, maxReconnectAttempts: 1_000 },
    });
    const seen: RouteStatus[] = [];
    quickManager.onStatus((status) => seen.push(status));
    try {
      await quickManager.connect(env.id, 'vpn');
      await vi.waitFor(() => expect(quickManager.status(env.id, 'vpn').rttMs).not.toBeNull(), { timeout: 30_000 });
      await flip({ vpn: 'off' });
      await vi.waitFor(() => expect(quickManager.status(env.id, 'vpn').reconnect?.attempt).toBeGreaterThanOrEqual(2), { timeout: 30_000 });
      expect(quickManager.status(env.id, 'vpn')).toMatchObject({ state: 'connecting', lastError: { code: 'E_NOT_PRIVATE' } });
      expect(() => quickManager.connection(env.id, ['vpn'])).toThrow(expect.objectContaining({ code: 'E_ROUTE_DOWN' }) as Error);
      await flip({ vpn: 'on' });
      await vi.waitFor(() => expect(quickManager.status(env.id, 'vpn')).toMatchObject({ state: 'up', reconnect: null, lastError: null }), { timeout: 30_000 });
      expect(seen.map((s) => s.state)).toEqual(expect.arrayContaining(['up', 'degraded', 'connecting']));
    } finally {
      await quickManager.closeAll();
    }
  }, 60_000);
});
