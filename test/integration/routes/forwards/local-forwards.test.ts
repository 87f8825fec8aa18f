// Local forwards end to end on loopback: a 127.0.0.1 listener per forward, each accepted socket carried over a
// fake RouteConnection to a loopback echo server (playing the private endpoint; its host name is data only).
// Exact bytes, no mixing between clients, port in use, close-all mid-transfer, a route that is down, one
// socket's failure staying with that socket, backpressure, and the remembered port.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Duplex, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLocalForwards, type ForwardChange, type LocalForwards } from '../../../../electron/services/routes';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { closed, connectClient, fakeRoute, occupy, portIsFree, roundTrip, startEchoServer, type EchoServer } from './forward-fixtures';

const TARGET = { host: 'ep-one.westeurope.inference.ml.azure.com', port: 443 };
let echo: EchoServer;
let stateDir: string;
let forwards: LocalForwards;
const others: net.Server[] = [];

beforeEach(async () => {
  echo = await startEchoServer();
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-forwards-'));
  forwards = createLocalForwards({ stateDir });
});

afterEach(async () => {
  await forwards.closeAll();
  for (const server of others.splice(0)) await new Promise((resolve) => server.close(resolve));
  await echo.close();
  await rm(stateDir, { recursive: true, force: true });
});

const viewOf = (id: string) => {
  const view = forwards.get(id);
  if (view === null) throw new Error('forward gone');
  return view;
};

describe('local forwards', () => {
  it('carries bytes both ways exactly, asks the route for the target by name and counts them', async () => {
    const route = fakeRoute(echo.port);
    const view = await forwards.open({ target: TARGET, via: 'jump', connection: () => route, localPort: 0 });
    expect(view.address).toBe(`127.0.0.1:${view.port}`);
    expect(view.target).toBe('ep-one.westeurope.inference.ml.azure.com:443');
    expect(view.id).toMatch(/^[0-9a-f-]{36}$/);
    const data = randomBytes(1024 * 1024 + 17);
    const back = await roundTrip(await connectClient(view.port), data);
    expect(back.equals(data)).toBe(true);
    expect(route.asked).toEqual([TARGET]);
    await vi.waitFor(() => expect(viewOf(view.id).connections).toBe(0));
    expect(viewOf(view.id)).toMatchObject({ bytesIn: data.length, bytesOut: data.length, lastError: null });
  });

  it('keeps two concurrent clients apart', async () => {
    const route = fakeRoute(echo.port);
    const view = await forwards.open({ target: TARGET, via: 'jump', connection: () => route, localPort: 0 });
    const [a, b] = await Promise.all([connectClient(view.port), connectClient(view.port)]);
    await vi.waitFor(() => expect(viewOf(view.id).connections).toBe(2));
    const dataA = Buffer.alloc(300_000, 0x61);
    const dataB = randomBytes(300_000);
    const [backA, backB] = await Promise.all([roundTrip(a, dataA), roundTrip(b, dataB)]);
    expect(backA.equals(dataA)).toBe(true);
    expect(backB.equals(dataB)).toBe(true);
  });

  it('refuses a port another program listens on with E_PORT_IN_USE in words', async () => {
    const other = await occupy(0);
    others.push(other);
    const port = (other.address() as net.AddressInfo).port;
    const route = fakeRoute(echo.port);
    const failure = await forwards.open({ target: TARGET, via: 'vpn', connection: () => route, localPort: port }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AirlockError);
    expect(failure).toMatchObject({ code: 'E_PORT_IN_USE', details: { port } });
    expect((failure as AirlockError).message).toContain(`127.0.0.1:${port}`);
    expect(forwards.list()).toEqual([]);
  });

  it('listens on 127.0.0.1 only', async () => {
    const route = fakeRoute(echo.port);
    const view = await forwards.open({ target: TARGET, via: 'jump', connection: () => route, localPort: 0 });
    // ::1 is loopback too: a listener bound to every address (or to "localhost") would answer there.
    const v6 = await connectClient(view.port, '::1').then(
      (socket) => (socket.destroy(), 'connected'),
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(v6).not.toBe('connected');
    expect(view.address).toBe(`127.0.0.1:${view.port}`);
  });

  it('close-all mid-transfer closes the listener, every local socket and every route stream, and frees the port', async () => {
    const route = fakeRoute(echo.port);
    const one = await forwards.open({ target: TARGET, via: 'jump', connection: () => route, localPort: 0 });
    const two = await forwards.open({ target: { host: 'ep-two.westeurope.inference.ml.azure.com', port: 443 }, via: 'bastion', connection: () => route, localPort: 0 });
    const clients = await Promise.all([connectClient(one.port), connectClient(one.port), connectClient(two.port)]);
    for (const client of clients) {
      client.on('error', () => undefined);
      client.on('data', () => undefined);
      client.write(randomBytes(64 * 1024));
    }
    await vi.waitFor(() => expect(echo.open.size).toBe(3));
    await vi.waitFor(() => expect(viewOf(one.id).bytesIn).toBeGreaterThan(0));
    await forwards.closeAll();
    expect(forwards.list()).toEqual([]);
    await Promise.all(clients.map(closed));
    expect(route.streams.every((stream) => stream.destroyed)).toBe(true);
    await vi.waitFor(() => expect(echo.open.size).toBe(0));
    expect(await portIsFree(one.port)).toBe(true);
    expect(await portIsFree(two.port)).toBe(true);
  });

  it('a route that is down closes that client socket, remembers why, and the next client goes through once it is up', async () => {
    const route = fakeRoute(echo.port);
    let up = false;
    const connection = () => {
      if (!up) throw new AirlockError('E_ROUTE_DOWN', { message: 'No route to ep-one is up.', details: { via: 'jump' } });
      return route;
    };
    const view = await forwards.open({ target: TARGET, via: 'jump', connection, localPort: 0 });
    const refused = await connectClient(view.port);
    refused.on('error', () => undefined);
    await closed(refused);
    expect(viewOf(view.id).lastError).toMatchObject({ code: 'E_ROUTE_DOWN', message: 'No route to ep-one is up.' });
    expect(viewOf(view.id).connections).toBe(0);
    up = true;
    const data = randomBytes(4096);
    expect((await roundTrip(await connectClient(view.port), data)).equals(data)).toBe(true);
  });

  it('a failing stream closes only its own socket; the other client keeps going', async () => {
    let first = true;
    const route = fakeRoute(echo.port);
    const failing = fakeRoute(echo.port);
    const connection = () => {
      const pick = first ? failing : route;
      first = false;
      return pick;
    };
    const view = await forwards.open({ target: TARGET, via: 'jump', connection, localPort: 0 });
    const doomed = await connectClient(view.port);
    doomed.on('error', () => undefined);
    await vi.waitFor(() => expect(failing.streams).toHaveLength(1));
    const survivor = await connectClient(view.port);
    await vi.waitFor(() => expect(route.streams).toHaveLength(1));
    failing.streams[0]!.destroy(new AirlockError('E_ROUTE_DROPPED', { message: 'The SSH route dropped.', details: { via: 'jump' } }));
    await closed(doomed);
    const data = randomBytes(10_000);
    expect((await roundTrip(survivor, data)).equals(data)).toBe(true);
    expect(viewOf(view.id).lastError).toMatchObject({ code: 'E_ROUTE_DROPPED', message: 'The SSH route dropped.' });
  });

  it('an openStream refusal closes that socket with the refusal as the last error', async () => {
    const route = fakeRoute(echo.port, () =>
      Promise.reject(new AirlockError('E_UNREACHABLE', { message: 'The jump host could not reach ep-one:443.', details: { via: 'jump' } })),
    );
    const view = await forwards.open({ target: TARGET, via: 'jump', connection: () => route, localPort: 0 });
    const client = await connectClient(view.port);
    client.on('error', () => undefined);
    await closed(client);
    expect(viewOf(view.id).lastError).toMatchObject({ code: 'E_UNREACHABLE', message: 'The jump host could not reach ep-one:443.' });
  });

  it('does not read faster than the route takes bytes (backpressure)', async () => {
    let taken = 0;
    let stalled: Duplex | undefined;
    const route = fakeRoute(echo.port, async () => {
      // A stream that accepts one chunk and then never finishes writing it: the route is saturated.
      const sink = new Writable({ write: (chunk: Buffer) => void (taken += chunk.length) });
      stalled = Duplex.from({ writable: sink, readable: new Duplex({ read: () => undefined }) });
      return stalled;
    });
    const view = await forwards.open({ target: TARGET, via: 'jump', connection: () => route, localPort: 0 });
    const client = await connectClient(view.port);
    client.on('error', () => undefined);
    client.write(Buffer.alloc(32 * 1024 * 1024));
    await vi.waitFor(() => expect(taken).toBeGreaterThan(0));
    for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setTimeout(resolve, 0));
    // Without backpressure the forward would have read megabytes into the stalled stream's buffer by now.
    expect(viewOf(view.id).bytesOut).toBeLessThan(1024 * 1024);
    client.destroy();
  });

  it('close-all while a forward is still opening closes that one too', async () => {
    const probe = await occupy(0);
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const route = fakeRoute(echo.port);
    const opening = forwards.open({ target: TARGET, via: 'jump', connection: () => route, localPort: port });
    await forwards.closeAll();
    await expect(opening).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
    expect(forwards.list()).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
  });

  it('tells listeners when a forward opens, changes and closes', async () => {
    const changes: ForwardChange[] = [];
    const stop = forwards.onChange((change) => changes.push(change));
    const route = fakeRoute(echo.port);
    const view = await forwards.open({ target: TARGET, via: 'jump', connection: () => route, localPort: 0 });
    await roundTrip(await connectClient(view.port), Buffer.from('hello'));
    await vi.waitFor(() => expect(viewOf(view.id).connections).toBe(0));
    expect(await forwards.close(view.id)).toBe(true);
    expect(await forwards.close(view.id)).toBe(false);
    stop();
    expect(changes[0]).toMatchObject({ kind: 'opened', forward: { id: view.id } });
    expect(changes.some((c) => c.kind === 'updated' && c.forward.connections === 1)).toBe(true);
    expect(changes.at(-1)).toMatchObject({ kind: 'closed', forward: { id: view.id, connections: 0 } });
    expect(await portIsFree(view.port)).toBe(true);
  });
});

describe('remembered port per target', () => {
  it('reuses the port last used for the target when it is free, and says so when it had to pick another', async () => {
    const route = fakeRoute(echo.port);
    const first = await forwards.open({ target: TARGET, via: 'jump', connection: () => route });
    await forwards.closeAll();
    const again = createLocalForwards({ stateDir });
    const second = await again.open({ target: TARGET, via: 'jump', connection: () => route });
    expect(second.port).toBe(first.port);
    expect(second.portNote).toBeNull();
    await again.closeAll();
    others.push(await occupy(first.port));
    const third = await again.open({ target: TARGET, via: 'jump', connection: () => route });
    expect(third.port).not.toBe(first.port);
    expect(third.portNote).toContain(String(first.port));
    expect(third.portNote).toContain(String(third.port));
    await again.closeAll();
  });
});
