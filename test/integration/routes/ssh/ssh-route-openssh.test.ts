// The SSH route against Debian's OpenSSH sshd, started here on loopback with its own config and keys (PermitOpen
// limited to a loopback echo server): streams, byte counts and a probe; a passphrase-protected key and the
// ssh-agent; and each fault typed — wrong or unknown host key, sign-in refused, channel refused by PermitOpen,
// the server killed mid-stream, then down.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../../electron/services/ports';
import { createKnownHostsStore, openSshRoute, type OpenSshRouteOptions } from '../../../../electron/services/routes';
import { freePort } from '../../sandbox/network/network-fixtures';
import { startOpenSshServer, sshdMissing, type OpenSshServer } from './openssh-server';
import { failureOf, loopbackConnector, recordingLogger, tempFolder } from './route-fixtures';

if (sshdMissing) console.warn(sshdMissing);

let sshd: OpenSshServer;
let echo: Server;
let echoPort: number;
let closedPort: number;
const logger = recordingLogger();

async function options(overrides: Partial<OpenSshRouteOptions> = {}): Promise<OpenSshRouteOptions> {
  return {
    via: 'jump',
    socket: () => Promise.resolve(loopbackConnector.connect('127.0.0.1', sshd.port)),
    host: '127.0.0.1',
    port: sshd.port,
    username: sshd.username,
    auth: { kind: 'key-file', path: sshd.keys.plain },
    hostKey: { pinned: sshd.hostKeySha256, allowFirstUse: false, store: createKnownHostsStore(await tempFolder('airlock-known-')).forEnvironment('test') },
    logger,
    clock: systemClock,
    ...overrides,
  };
}

/** Writes `size` bytes and reads them back from the echo server through the stream. */
async function echoRoundTrip(stream: Duplex, size: number): Promise<Buffer> {
  const sent = Buffer.alloc(size, 7);
  const chunks: Buffer[] = [];
  let got = 0;
  const back = new Promise<Buffer>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= size) resolve(Buffer.concat(chunks));
    });
    stream.once('error', reject);
  });
  stream.write(sent);
  return back;
}

beforeAll(async () => {
  if (sshdMissing) return;
  echo = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  echoPort = (echo.address() as { port: number }).port;
  closedPort = await freePort();
  sshd = await startOpenSshServer({ permitOpen: [`127.0.0.1:${echoPort}`] });
});

afterAll(async () => {
  if (sshdMissing) return;
  await sshd.kill();
  echo.close();
  expect(JSON.stringify(logger.lines)).not.toMatch(/PRIVATE KEY|BEGIN OPENSSH|sshd test passphrase/);
});

describe.skipIf(sshdMissing !== null)('SSH route (OpenSSH sshd)', () => {
  it('opens streams to a permitted target, counts bytes both ways and probes', async () => {
    const route = await openSshRoute(await options());
    try {
      const stream = await route.openStream('127.0.0.1', echoPort);
      const back = await echoRoundTrip(stream, 256 * 1024);
      expect(back.length).toBe(256 * 1024);
      expect(back.every((b) => b === 7)).toBe(true);
      expect(route.bytes.out).toBe(256 * 1024);
      expect(route.bytes.in).toBe(256 * 1024);
      expect(await route.probe()).toBeGreaterThanOrEqual(0);
      stream.end();
    } finally {
      await route.close();
    }
  });

  it('signs in with a passphrase-protected key through the prompt', async () => {
    const prompt = vi.fn(() => Promise.resolve(sshd.keys.passphrase));
    const route = await openSshRoute(await options({ auth: { kind: 'key-file', path: sshd.keys.encrypted }, passphrase: prompt }));
    await route.close();
    expect(prompt).toHaveBeenCalledWith({ host: '127.0.0.1', keyPath: sshd.keys.encrypted, attempt: 1, signal: expect.any(AbortSignal) as unknown }); // the connect's signal closes the prompt if it aborts
  });

  it('signs in through the ssh-agent', async () => {
    const socketPath = path.join(sshd.dir, 'agent.sock');
    const agent: ChildProcess = spawn('/usr/bin/ssh-agent', ['-D', '-a', socketPath], { stdio: 'ignore' });
    try {
      await vi.waitFor(() => expect(existsSync(socketPath)).toBe(true), { timeout: 10_000, interval: 20 });
      execFileSync('/usr/bin/ssh-add', [sshd.keys.plain], { env: { SSH_AUTH_SOCK: socketPath }, stdio: 'ignore' });
      const route = await openSshRoute(await options({ auth: { kind: 'agent', socketPath } }));
      expect((await echoRoundTrip(await route.openStream('127.0.0.1', echoPort), 10)).length).toBe(10);
      await route.close();
    } finally {
      agent.kill('SIGTERM');
    }
  });

  it('refuses a different pinned key and an unknown key under a no-first-use policy', async () => {
    const other = `SHA256:${'y'.repeat(43)}`;
    const changed = await failureOf(openSshRoute(await options({ hostKey: { pinned: other, allowFirstUse: false, store: createKnownHostsStore(await tempFolder('k-')).forEnvironment('test') } })));
    expect(changed.code).toBe('E_HOST_KEY_CHANGED');
    expect(changed.details).toEqual({ host: '127.0.0.1', expected: other, presented: sshd.hostKeySha256 });
    const unknown = await failureOf(openSshRoute(await options({ hostKey: { allowFirstUse: false, store: createKnownHostsStore(await tempFolder('k-')).forEnvironment('test') } })));
    expect(unknown.code).toBe('E_HOST_KEY_UNKNOWN');
    expect(unknown.details).toEqual({ host: '127.0.0.1', presented: sshd.hostKeySha256, firstUse: 'forbidden' });
  });

  it('fails E_SSH_AUTH for a key sshd does not authorize, and when no agent answers', async () => {
    const refused = await failureOf(openSshRoute(await options({ auth: { kind: 'key-file', path: sshd.keys.unauthorized } })));
    expect(refused.code).toBe('E_SSH_AUTH');
    expect(refused.details).toEqual({ host: '127.0.0.1', reason: 'publickey-refused' });
    const noAgent = await failureOf(openSshRoute(await options({ auth: { kind: 'agent', socketPath: path.join(sshd.dir, 'no-agent.sock') } })));
    expect(noAgent.code).toBe('E_SSH_AUTH');
    expect(noAgent.details).toEqual({ host: '127.0.0.1', reason: 'agent-unavailable' });
  });

  it('fails E_UNREACHABLE when PermitOpen refuses the target, and the route stays up', async () => {
    const route = await openSshRoute(await options());
    try {
      const error = await failureOf(route.openStream('127.0.0.1', closedPort));
      expect(error.code).toBe('E_UNREACHABLE');
      expect(error.details).toEqual({ via: 'jump', host: '127.0.0.1', reason: 'administratively-prohibited' });
      expect((await echoRoundTrip(await route.openStream('127.0.0.1', echoPort), 10)).length).toBe(10);
    } finally {
      await route.close();
    }
  });

  it('drops the route with E_ROUTE_DROPPED when a hung server stops answering keepalives', async () => {
    const hung = await startOpenSshServer({ permitOpen: [`127.0.0.1:${echoPort}`] });
    try {
      const route = await openSshRoute(
        await options({ socket: () => Promise.resolve(loopbackConnector.connect('127.0.0.1', hung.port)), port: hung.port, username: hung.username, auth: { kind: 'key-file', path: hung.keys.plain }, hostKey: { pinned: hung.hostKeySha256, allowFirstUse: false, store: createKnownHostsStore(await tempFolder('k-')).forEnvironment('test') }, keepaliveIntervalMs: 100 }),
      );
      const dropped = new Promise((resolve) => route.onDrop(resolve));
      await hung.freeze();
      const error = await dropped;
      expect(error).toMatchObject({ code: 'E_ROUTE_DROPPED', details: { via: 'jump' } });
      expect((error as Error).message).toContain('stopped answering keepalives');
      await route.close();
    } finally {
      await hung.kill();
    }
  });

  // Last: it kills the server.
  it('reports sshd killed mid-stream as E_ROUTE_DROPPED, then E_UNREACHABLE while it is down', async () => {
    const route = await openSshRoute(await options({ keepaliveIntervalMs: 1_000 }));
    const dropped = new Promise((resolve) => route.onDrop(resolve));
    const stream = await route.openStream('127.0.0.1', echoPort);
    await echoRoundTrip(stream, 1024);
    const streamError = new Promise<Error>((resolve) => stream.once('error', resolve));
    await sshd.kill();
    expect(await dropped).toMatchObject({ code: 'E_ROUTE_DROPPED', details: { via: 'jump' }, retryable: true });
    expect(await streamError).toMatchObject({ code: 'E_ROUTE_DROPPED' });
    await route.close();
    const down = await failureOf(openSshRoute(await options()));
    expect(down.code).toBe('E_UNREACHABLE');
    expect(down.details).toEqual({ via: 'jump', host: '127.0.0.1', reason: 'ECONNREFUSED' });
  });
});
