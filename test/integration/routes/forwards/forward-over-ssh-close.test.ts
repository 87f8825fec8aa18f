// Local forwards over a real SSH route (the sandbox's jump host on loopback) while a local program keeps its
// connection open (Node's https agent with keep-alive, as notebooks and SDKs do): closing the forward, closing
// all, after the route was closed first or dropped, must destroy the live sockets and their SSH channels and
// finish, never waiting on a far side that will not answer. The scoring host's name is data: the jump host
// resolves it in the sandbox's private network; nothing here dials anything but 127.0.0.1.
import https from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PrivateNetwork } from '../../../../sandbox/context';
import { startJumpHost, type JumpHost } from '../../../../sandbox/network/jump-host';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { systemClock } from '../../../../electron/services/ports';
import { createKnownHostsStore, createLocalForwards, openSshRoute, type LocalForwards, type RouteConnection } from '../../../../electron/services/routes';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { SCORING_HOST, startStandInService, type StandIn } from '../../sandbox/network/network-fixtures';
import { loopbackConnector, recordingLogger, tempFolder } from '../ssh/route-fixtures';
import { closed, connectClient, fakeRoute } from './forward-fixtures';

let ctx: TestContext;
let network: PrivateNetwork;
let standIn: StandIn;
let jumpHost: JumpHost;
let stateDir: string;
let forwards: LocalForwards;
let route: RouteConnection;
let agent: https.Agent;

async function openRoute(): Promise<RouteConnection> {
  const alice = jumpHost.users.find((u) => u.login === 'alice')!;
  return openSshRoute({
    via: 'jump',
    socket: () => Promise.resolve(loopbackConnector.connect('127.0.0.1', jumpHost.port)),
    host: '127.0.0.1',
    port: jumpHost.port,
    username: 'alice',
    auth: { kind: 'key-file', path: alice.privateKeyPath },
    hostKey: { pinned: jumpHost.hostKeySha256, allowFirstUse: false, store: createKnownHostsStore(await tempFolder('airlock-known-')).forEnvironment('test') },
    logger: recordingLogger(),
    clock: systemClock,
  });
}

/** One request through the forward on a keep-alive agent: the local socket stays open afterwards. */
function keptAliveGet(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.request({ host: '127.0.0.1', port, servername: SCORING_HOST, ca: ctx.ca.certPem, path: '/', headers: { host: SCORING_HOST }, agent }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

async function openForwardWithLiveSocket(): Promise<string> {
  const view = await forwards.open({ target: { host: SCORING_HOST, port: 443 }, via: 'jump', connection: () => route, localPort: 0 });
  expect(await keptAliveGet(view.port)).toBe(200);
  expect(forwards.get(view.id)?.connections).toBe(1); // the agent kept it
  return view.id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  network = createPrivateNetwork();
  standIn = await startStandInService(ctx, network);
  jumpHost = await startJumpHost(ctx, { network });
});

afterAll(async () => {
  await jumpHost.stop();
  await standIn.stop();
});

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-forward-ssh-'));
  forwards = createLocalForwards({ stateDir });
  agent = new https.Agent({ keepAlive: true });
  route = await openRoute();
});

afterEach(async () => {
  agent.destroy();
  await route.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe('closing local forwards over an SSH route with a kept-alive local connection', () => {
  it('closing the forward while the route is up closes the live socket and its channel', async () => {
    const id = await openForwardWithLiveSocket();
    expect(await forwards.close(id)).toBe(true);
    expect(forwards.list()).toEqual([]);
  });

  it('closeAll after the route was closed first', async () => {
    await openForwardWithLiveSocket();
    await route.close();
    await forwards.closeAll();
    expect(forwards.list()).toEqual([]);
  });

  it('closeAll while the route closes (sign-out, idle lock, quit)', async () => {
    await openForwardWithLiveSocket();
    await Promise.all([forwards.closeAll(), route.close()]);
    expect(forwards.list()).toEqual([]);
  });

  it('closeAll after the route dropped (the jump host went away)', async () => {
    await openForwardWithLiveSocket();
    const dropped = new Promise<void>((resolve) => route.onDrop(() => resolve()));
    await jumpHost.stop();
    await dropped;
    try {
      await forwards.closeAll();
      expect(forwards.list()).toEqual([]);
    } finally {
      jumpHost = await startJumpHost(ctx, { network });
    }
  });
});

describe('closing local forwards whose route streams never report closing', () => {
  it('close and closeAll finish once the forward has destroyed the stream (no wait on a far side)', async () => {
    // Like ssh2's channels: emitClose false, and no far side ever answers.
    const silent = () => new Duplex({ emitClose: false, read: () => undefined, write: (_chunk, _encoding, callback) => callback() });
    const route = fakeRoute(0, () => Promise.resolve(silent()));
    const one = await forwards.open({ target: { host: SCORING_HOST, port: 443 }, via: 'jump', connection: () => route, localPort: 0 });
    const two = await forwards.open({ target: { host: SCORING_HOST, port: 443 }, via: 'jump', connection: () => route, localPort: 0 });
    const clients = await Promise.all([connectClient(one.port), connectClient(two.port)]);
    await expect.poll(() => route.streams.length).toBe(2);
    expect(await forwards.close(one.id)).toBe(true);
    await forwards.closeAll();
    expect(forwards.list()).toEqual([]);
    await Promise.all(clients.map(closed));
    expect(route.streams.every((stream) => stream.destroyed)).toBe(true);
  });
});

describe("an SSH route's stream, destroyed by its user", () => {
  const closeOf = (stream: Duplex) => new Promise<void>((resolve) => stream.once('close', () => resolve()));

  it('closes while the route is up, even unread (no wait for the far side and a read to the end)', async () => {
    const stream = await route.openStream(SCORING_HOST, 443);
    const closing = closeOf(stream);
    stream.destroy();
    await closing;
    expect(stream.destroyed).toBe(true);
  });

  it('closes when the route closes, even unread, and a destroy after that is harmless', async () => {
    const stream = await route.openStream(SCORING_HOST, 443);
    stream.pause();
    const closing = closeOf(stream);
    await route.close();
    stream.destroy();
    await closing;
    expect(stream.destroyed).toBe(true);
  });
});
