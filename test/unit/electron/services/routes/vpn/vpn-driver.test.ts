// The VPN driver: connect = the canary resolves privately and a TCP connection to it opens; streams are checked
// one by one and dialled at the approved address (through the sandbox connector to a loopback listener here);
// a public answer is refused before any dial; bytes are counted; probe times lookup + connect on the clock.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemScheduler, type Clock } from '../../../../../../electron/services/ports';
import type { ConnectorPort } from '../../../../../../electron/services/routes/connector/connector-port';
import { createSandboxConnector } from '../../../../../../electron/services/routes/connector/sandbox-connector';
import type { ResolverPort } from '../../../../../../electron/services/routes/resolver/resolver-port';
import { createVpnDriver, vpnDriverForEnvironment } from '../../../../../../electron/services/routes/vpn/vpn-driver';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';

const CANARY = '0a1b2c3d-0000-4000-8000-000000000001.workspace.eastus.api.azureml.ms';
const SCORING = 'ep1.eastus.inference.ml.azure.com';
const env = { id: 'Sandbox', kind: 'sandbox' as const, network: { privateRanges: ['10.0.0.0/8'], canaryHost: CANARY } };

let server: Server;
let port: number;
const received: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk.toString());
      socket.write(`echo:${chunk.toString()}`);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Answers from a table the test changes ("VPN off": the same names answer publicly). */
function tableResolver(table: Record<string, string[]>): ResolverPort {
  return {
    lookup: async (host) => (table[host] ?? []).map((address) => ({ address, family: 4 as const })),
    cnameChain: async (host) => [host],
  };
}

function countingConnector(inner: ConnectorPort): ConnectorPort & { dialled: string[] } {
  const dialled: string[] = [];
  return { dialled, connect: (host, p, signal) => (dialled.push(`${host}:${p}`), inner.connect(host, p, signal)) };
}

function stepClock(stepMs: number): Clock {
  let t = 0;
  return { now: () => new Date(0), monotonicMs: () => (t += stepMs) };
}

const sandboxConnector = () => countingConnector(createSandboxConnector({ servicePorts: { '10.0.1.4:443': port, '10.0.2.9:443': port }, scheduler: systemScheduler }));
const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as AirlockError);

describe('VPN driver', () => {
  it('connects when the canary resolves privately and answers, then carries streams to approved addresses', async () => {
    const table = { [CANARY]: ['10.0.1.4'], [SCORING]: ['10.0.2.9'] };
    const connector = sandboxConnector();
    const route = await createVpnDriver(env, { resolver: tableResolver(table), connector, clock: stepClock(7), resolverLabel: 'test DNS' }).connect(new AbortController().signal);
    expect(route.target).toBe('VPN (test DNS)');
    expect(connector.dialled).toEqual(['10.0.1.4:443']);

    const stream = await route.openStream(SCORING, 443);
    expect(connector.dialled.at(-1)).toBe('10.0.2.9:443');
    const echoed = new Promise<string>((resolve) => stream.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    stream.write('ping');
    expect(await echoed).toBe('echo:ping');
    expect(route.bytes).toEqual({ in: 9, out: 4 });

    expect(await route.probe()).toBe(7);
    await route.close();
    expect(stream.destroyed).toBe(true);
    expect(route.bytes).toEqual({ in: 9, out: 4 });
    expect((await failure(route.openStream(SCORING, 443)))?.code).toBe('E_ROUTE_DOWN');
  });

  it('tells the caller when its lookup of a stream’s name is done (the DNS phase), before dialling — and not for a public answer', async () => {
    const table = { [CANARY]: ['10.0.1.4'], [SCORING]: ['10.0.2.9'], 'public.example.com': ['52.170.1.9'] };
    const connector = sandboxConnector();
    const route = await createVpnDriver(env, { resolver: tableResolver(table), connector, clock: stepClock(1), resolverLabel: 'test DNS' }).connect(new AbortController().signal);
    const seen: string[] = [];
    const stream = await route.openStream(SCORING, 443, undefined, { resolved: () => void seen.push(`resolved, dialled ${connector.dialled.length}`) });
    expect(seen).toEqual(['resolved, dialled 1']); // the canary's dial at connect only: the stream's came after
    expect(connector.dialled.at(-1)).toBe('10.0.2.9:443');
    stream.destroy();
    expect((await failure(route.openStream('public.example.com', 443, undefined, { resolved: () => void seen.push('public') })))?.code).toBe('E_NOT_PRIVATE');
    expect(seen).toHaveLength(1);
    await route.close();
  });

  it('refuses to connect when the canary answers publicly (VPN off), without dialling anything', async () => {
    const connector = sandboxConnector();
    const error = await failure(createVpnDriver(env, { resolver: tableResolver({ [CANARY]: ['52.170.1.9'] }), connector, clock: stepClock(1), resolverLabel: 'x' }).connect(new AbortController().signal));
    expect(error?.code).toBe('E_NOT_PRIVATE');
    expect(error?.message).toContain('Private DNS is not answering: connect to the VPN');
    expect(connector.dialled).toEqual([]);
  });

  it('refuses a stream whose own name answers publicly, though the route is up', async () => {
    const table: Record<string, string[]> = { [CANARY]: ['10.0.1.4'], [SCORING]: ['20.1.2.3'] };
    const connector = sandboxConnector();
    const route = await createVpnDriver(env, { resolver: tableResolver(table), connector, clock: stepClock(1), resolverLabel: 'x' }).connect(new AbortController().signal);
    const error = await failure(route.openStream(SCORING, 443));
    expect(error?.details).toMatchObject({ host: SCORING, address: '20.1.2.3', reason: 'public-answer' });
    expect(connector.dialled).toEqual(['10.0.1.4:443']);
    await route.close();
  });

  it('says so when a private name cannot be reached, and when the environment names no canary', async () => {
    const route = await createVpnDriver(env, { resolver: tableResolver({ [CANARY]: ['10.0.1.4'], [SCORING]: ['10.9.9.9'] }), connector: sandboxConnector(), clock: stepClock(1), resolverLabel: 'x' }).connect(new AbortController().signal);
    const error = await failure(route.openStream(SCORING, 443));
    expect(error?.code).toBe('E_UNREACHABLE');
    expect(error?.details).toEqual({ via: 'vpn', host: `${SCORING}:443`, reason: 'not-in-sandbox' });
    const noCanary = await failure(createVpnDriver({ ...env, network: { privateRanges: ['10.0.0.0/8'] } }, { resolver: tableResolver({}), connector: sandboxConnector(), clock: stepClock(1), resolverLabel: 'x' }).connect(new AbortController().signal));
    expect(noCanary?.code).toBe('E_CONFIG_INVALID');
  });

  it('checks a canary the caller names instead, for an environment that names none (a built-in cloud)', async () => {
    const connector = sandboxConnector();
    const route = await createVpnDriver({ ...env, network: { privateRanges: ['10.0.0.0/8'] } }, { resolver: tableResolver({ [SCORING]: ['10.0.2.9'] }), connector, clock: stepClock(1), resolverLabel: 'x', canaryHost: SCORING }).connect(new AbortController().signal);
    expect(connector.dialled).toEqual(['10.0.2.9:443']);
    await route.close();
  });

  it('refuses a sandbox environment without its DNS server rather than asking the machine’s', async () => {
    const error = await failure(vpnDriverForEnvironment(env, { clock: stepClock(1), scheduler: systemScheduler }).connect(new AbortController().signal));
    expect(error?.code).toBe('E_CONFIG_INVALID');
    expect(error?.details).toMatchObject({ field: 'network.dnsServer' });
  });
});
