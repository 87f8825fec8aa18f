// The SSH jump host route against the sandbox's jump host (ssh2 server on loopback, forwarding only to names the
// private network publishes): streams by private name with TLS to the endpoint's real name, byte counts, a probe;
// and each fault typed — wrong or unknown host key, sign-in refused, jump host down, channel refused, handshake
// timeout, the jump host stopping mid-stream.
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PrivateNetwork } from '../../../../sandbox/context';
import { startJumpHost, type JumpHost } from '../../../../sandbox/network/jump-host';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { systemClock } from '../../../../electron/services/ports';
import { createJumpDriver, createKnownHostsStore, openSshRoute, type HostKeyEvent, type OpenSshRouteOptions } from '../../../../electron/services/routes';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { freePort, privateGet, SCORING_HOST, startStandInService, type StandIn } from '../../sandbox/network/network-fixtures';
import { failureOf, loopbackConnector, recordingLogger, tempFolder } from './route-fixtures';

let ctx: TestContext;
let network: PrivateNetwork;
let standIn: StandIn;
let jumpHost: JumpHost;
const logger = recordingLogger();

const keyOf = (login: string) => {
  const user = jumpHost.users.find((u) => u.login === login);
  if (!user) throw new Error(`no key for ${login}`);
  return user.privateKeyPath;
};

async function options(overrides: Partial<OpenSshRouteOptions> = {}, port = jumpHost.port): Promise<OpenSshRouteOptions> {
  return {
    via: 'jump',
    socket: () => Promise.resolve(loopbackConnector.connect('127.0.0.1', port)),
    host: '127.0.0.1',
    port,
    username: 'alice',
    auth: { kind: 'key-file', path: keyOf('alice') },
    hostKey: { pinned: jumpHost.hostKeySha256, allowFirstUse: false, store: createKnownHostsStore(await tempFolder('airlock-known-')).forEnvironment('test') },
    logger,
    clock: systemClock,
    ...overrides,
  };
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
  expect(JSON.stringify(logger.lines)).not.toMatch(/PRIVATE KEY|BEGIN OPENSSH/);
});

describe('SSH jump host route (sandbox jump host)', () => {
  it('connects through the jump driver, opens streams by private name, counts bytes and probes', async () => {
    const events: HostKeyEvent[] = [];
    const driver = createJumpDriver(
      { host: '127.0.0.1', port: jumpHost.port, hostKeySha256: jumpHost.hostKeySha256 },
      { username: 'alice', auth: { kind: 'key-file', path: keyOf('alice') }, connector: loopbackConnector, hostKey: { allowFirstUse: false, store: createKnownHostsStore(await tempFolder('airlock-known-')).forEnvironment('test') }, onHostKeyEvent: (e) => events.push(e), logger, clock: systemClock },
    );
    expect(driver.via).toBe('jump');
    const route = await driver.connect(new AbortController().signal);
    try {
      expect(route.target).toBe(`127.0.0.1:${jumpHost.port} as alice`);
      expect(events.map((e) => e.kind)).toEqual(['pinned-match']);
      const first = await privateGet({ stream: await route.openStream(SCORING_HOST, 443) }, SCORING_HOST, ctx.ca.certPem);
      expect(first.status).toBe(200);
      expect(JSON.parse(first.body)).toEqual({ ok: true, host: SCORING_HOST });
      const after = { ...route.bytes };
      expect(after.in).toBeGreaterThan(500);
      expect(after.out).toBeGreaterThan(100);
      await privateGet({ stream: await route.openStream(SCORING_HOST, 443) }, SCORING_HOST, ctx.ca.certPem);
      expect(route.bytes.in).toBeGreaterThan(after.in);
      const rtt = await route.probe();
      expect(rtt).toBeGreaterThanOrEqual(0);
      expect(ctx.events).toContainEqual({ event: 'jumphost.forward.opened', fields: { user: 'alice', target: `${SCORING_HOST}:443` } });
    } finally {
      await route.close();
      await route.close();
    }
  });

  it('refuses a host key different from the pinned one, with both fingerprints and a changed event', async () => {
    const other = `SHA256:${'x'.repeat(43)}`;
    const events: HostKeyEvent[] = [];
    const error = await failureOf(openSshRoute(await options({ hostKey: { pinned: other, allowFirstUse: true, store: createKnownHostsStore(await tempFolder('k-')).forEnvironment('test'), confirm: () => Promise.resolve(true) }, onHostKeyEvent: (e) => events.push(e) })));
    expect(error.code).toBe('E_HOST_KEY_CHANGED');
    expect(error.details).toEqual({ host: '127.0.0.1', expected: other, presented: jumpHost.hostKeySha256 });
    expect(events).toEqual([{ kind: 'changed', via: 'jump', host: '127.0.0.1', port: jumpHost.port, expected: other, presented: jumpHost.hostKeySha256 }]);
  });

  it('refuses an unknown key when first use is forbidden, showing its fingerprint; trusts it once confirmed', async () => {
    const store = createKnownHostsStore(await tempFolder('airlock-known-')).forEnvironment('test');
    const unknown = await failureOf(openSshRoute(await options({ hostKey: { allowFirstUse: false, store, confirm: () => Promise.resolve(true) } })));
    expect(unknown.code).toBe('E_HOST_KEY_UNKNOWN');
    expect(unknown.details).toEqual({ host: '127.0.0.1', presented: jumpHost.hostKeySha256, firstUse: 'forbidden' });
    expect(unknown.message).toContain(jumpHost.hostKeySha256);

    const confirm = vi.fn(() => Promise.resolve(true));
    const route = await openSshRoute(await options({ hostKey: { allowFirstUse: true, store, confirm } }));
    await route.close();
    expect(confirm).toHaveBeenCalledWith({ host: '127.0.0.1', port: jumpHost.port, fingerprint: jumpHost.hostKeySha256 });
    expect(await store.get('127.0.0.1', jumpHost.port)).toBe(jumpHost.hostKeySha256);
    const again = await openSshRoute(await options({ hostKey: { allowFirstUse: true, store, confirm } }));
    await again.close();
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('turns Nagle off on the transport once up (ssh2 leaves it on: 40 ms stalls)', async () => {
    const socket = loopbackConnector.connect('127.0.0.1', jumpHost.port);
    const setNoDelay = vi.spyOn(socket, 'setNoDelay');
    const route = await openSshRoute(await options({ socket: () => Promise.resolve(socket) }));
    await route.close();
    expect(setNoDelay).toHaveBeenCalledWith(true);
  });

  it('does not count the time a person takes to confirm a first-use key against the handshake deadline', async () => {
    // The person takes longer than the whole deadline; what is left of the handshake after the answer (key
    // sign-in on loopback) gets the deadline again, with room for a loaded CI machine.
    const slowYes = () => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 3_000));
    const route = await openSshRoute(await options({ readyTimeoutMs: 2_000, hostKey: { allowFirstUse: true, store: createKnownHostsStore(await tempFolder('k-')).forEnvironment('test'), confirm: slowYes } }));
    await route.close();
  }, 15_000);

  it('runs over any Duplex, not only a TCP socket (a Bastion tunnel is one), as via bastion', async () => {
    const socket = loopbackConnector.connect('127.0.0.1', jumpHost.port);
    await once(socket, 'connect');
    // A plain Duplex relaying to the socket: no setNoDelay, no `connecting`, like a WebSocket tunnel stream.
    const tunnel = new Duplex({
      write(chunk: Buffer, _encoding, callback) {
        socket.write(chunk, callback);
      },
      read() {
        socket.resume();
      },
      final(callback) {
        socket.end(callback);
      },
      destroy(error, callback) {
        socket.destroy();
        callback(error);
      },
    });
    socket.on('data', (chunk: Buffer) => {
      if (!tunnel.push(chunk)) socket.pause();
    });
    socket.on('end', () => tunnel.push(null));
    socket.on('close', () => tunnel.destroy());
    const route = await openSshRoute(await options({ via: 'bastion', socket: () => Promise.resolve(tunnel), host: 'vm-jumpbox', port: 22, target: 'bst-sandbox → vm-jumpbox' }));
    try {
      expect(route.target).toBe('bst-sandbox → vm-jumpbox');
      expect((await privateGet({ stream: await route.openStream(SCORING_HOST, 443) }, SCORING_HOST, ctx.ca.certPem)).status).toBe(200);
      expect((await failureOf(route.openStream('example.com', 443))).details).toMatchObject({ via: 'bastion' });
    } finally {
      await route.close();
    }
  });

  it('refuses the key, typed, when the known-hosts store cannot remember it', async () => {
    const store = { get: () => Promise.resolve(null), remember: () => Promise.reject(new Error('ENOSPC: no space left on device, write /home/x/known')) };
    const error = await failureOf(openSshRoute(await options({ hostKey: { allowFirstUse: true, store, confirm: () => Promise.resolve(true) } })));
    expect(error.code).toBe('E_INTERNAL');
    expect(error.message).not.toContain('/home/x');
  });

  it('fails E_SSH_AUTH when the jump host refuses the key', async () => {
    const error = await failureOf(openSshRoute(await options({ username: 'bob', auth: { kind: 'key-file', path: keyOf('alice') } })));
    expect(error.code).toBe('E_SSH_AUTH');
    expect(error.details).toEqual({ host: '127.0.0.1', reason: 'publickey-refused' });
    expect(error.message).toContain('bob');
  });

  it('fails E_UNREACHABLE when the jump host is down', async () => {
    const port = await freePort();
    const error = await failureOf(
      createJumpDriver({ host: '127.0.0.1', port, hostKeySha256: jumpHost.hostKeySha256 }, { username: 'alice', auth: { kind: 'key-file', path: keyOf('alice') }, connector: loopbackConnector, hostKey: { allowFirstUse: false, store: createKnownHostsStore(await tempFolder('k-')).forEnvironment('test') }, logger, clock: systemClock }).connect(new AbortController().signal),
    );
    expect(error.code).toBe('E_UNREACHABLE');
    expect(error.details).toEqual({ via: 'jump', host: '127.0.0.1', reason: 'ECONNREFUSED' });
  });

  it('fails E_TIMEOUT when the server never completes the handshake', async () => {
    const silent: Server = createServer((socket: Socket) => socket.on('error', () => undefined));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const port = (silent.address() as { port: number }).port;
    try {
      const error = await failureOf(openSshRoute(await options({ readyTimeoutMs: 300 }, port)));
      expect(error.code).toBe('E_TIMEOUT');
      expect(error.message).toContain(`127.0.0.1:${port}`);
    } finally {
      silent.close();
    }
  });

  it('fails E_UNREACHABLE when the jump host refuses the channel, and the route stays up', async () => {
    const route = await openSshRoute(await options());
    try {
      const error = await failureOf(route.openStream('example.com', 443));
      expect(error.code).toBe('E_UNREACHABLE');
      // The sandbox's ssh2 server refuses with CONNECT_FAILED (OpenSSH's PermitOpen says administratively-prohibited).
      expect(error.details).toEqual({ via: 'jump', host: 'example.com', reason: 'connect-failed' });
      expect((await privateGet({ stream: await route.openStream(SCORING_HOST, 443) }, SCORING_HOST, ctx.ca.certPem)).status).toBe(200);
    } finally {
      await route.close();
    }
  });

  it('reports the network dropping mid-stream as E_ROUTE_DROPPED to onDrop and to the open stream', async () => {
    const cut = await startCuttableProxy(jumpHost.port);
    const route = await openSshRoute(await options({}, cut.port));
    const drops: unknown[] = [];
    const dropped = new Promise((resolve) => route.onDrop((e) => resolve(drops.push(e))));
    const stream = await route.openStream(SCORING_HOST, 443);
    const tls = tlsConnect({ socket: stream, servername: SCORING_HOST, ca: ctx.ca.certPem });
    await once(tls, 'secureConnect');
    const streamError = new Promise<Error>((resolve) => stream.once('error', resolve));
    tls.on('error', () => undefined);
    cut.cut();
    await dropped;
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ code: 'E_ROUTE_DROPPED', details: { via: 'jump' }, retryable: true });
    expect(await streamError).toMatchObject({ code: 'E_ROUTE_DROPPED' });
    expect((await failureOf(route.openStream(SCORING_HOST, 443))).code).toBe('E_ROUTE_DROPPED');
    expect((await failureOf(route.probe())).code).toBe('E_ROUTE_DROPPED');
    await route.close();
    cut.close();
  });

  it('reports the jump host stopping as a drop, and close() after it is quiet', async () => {
    const doomed = await startJumpHost(ctx, { network });
    const route = await openSshRoute(await options({}, doomed.port));
    const dropped = new Promise((resolve) => route.onDrop(resolve));
    await doomed.stop();
    expect(await dropped).toMatchObject({ code: 'E_ROUTE_DROPPED' });
    await route.close();
  });

  it('never reports a drop after close()', async () => {
    const route = await openSshRoute(await options());
    const onDrop = vi.fn();
    route.onDrop(onDrop);
    await route.close();
    expect(onDrop).not.toHaveBeenCalled();
    expect((await failureOf(route.openStream(SCORING_HOST, 443))).code).toBe('E_ROUTE_DROPPED');
  });
});

/** A loopback TCP relay to `port` whose connections can be cut at once (the network going away). */
async function startCuttableProxy(port: number): Promise<{ port: number; cut(): void; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = loopbackConnector.connect('127.0.0.1', port);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    cut: () => {
      for (const s of sockets) s.destroy();
    },
    close: () => server.close(),
  };
}
