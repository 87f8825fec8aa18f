// The SSH route's write coalescing, against Debian's sshd on loopback: one large channel write (many 32 KiB SSH
// packets) reaches the transport as one write (one syscall, not one per packet), and writes queued on a corked
// channel (what TLS does for a request's header and body) leave as one SSH packet. Behaviour unchanged: the
// bytes come back from an echo server intact and in order, and the byte counts are the same.
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, systemClock } from '../../../../electron/services/ports';
import { createKnownHostsStore, openSshRoute } from '../../../../electron/services/routes';
import { startOpenSshServer, sshdMissing, type OpenSshServer } from './openssh-server';
import { loopbackConnector, tempFolder } from './route-fixtures';

if (sshdMissing) console.warn(sshdMissing);

let sshd: OpenSshServer;
let echo: Server;
let echoPort: number;

/** The transport socket with every write the SSH client hands it counted (one per _write or _writev call). */
function countedTransport(): { socket: Socket; writes: () => number } {
  const socket = loopbackConnector.connect('127.0.0.1', sshd.port);
  let writes = 0;
  const target = socket as unknown as { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
  const write = target._write.bind(socket);
  const writev = target._writev.bind(socket);
  target._write = (...a) => {
    writes += 1;
    write(...a);
  };
  target._writev = (...a) => {
    writes += 1;
    writev(...a);
  };
  return { socket, writes: () => writes };
}

function readBack(stream: Duplex, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      got += chunk.length;
      if (got >= size) resolve(Buffer.concat(chunks));
    });
    stream.once('error', reject);
  });
}

async function routeOver(transport: Socket) {
  await once(transport, 'connect');
  return openSshRoute({
    via: 'jump',
    socket: () => Promise.resolve(transport),
    host: '127.0.0.1',
    port: sshd.port,
    username: sshd.username,
    auth: { kind: 'key-file', path: sshd.keys.plain },
    hostKey: { pinned: sshd.hostKeySha256, allowFirstUse: false, store: createKnownHostsStore(await tempFolder('airlock-known-')).forEnvironment('test') },
    logger: silentLogger,
    clock: systemClock,
  });
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
  sshd = await startOpenSshServer({ permitOpen: [`127.0.0.1:${echoPort}`] });
});

afterAll(async () => {
  if (sshdMissing) return;
  await sshd.kill();
  echo.close();
});

describe.skipIf(sshdMissing !== null)('SSH route write coalescing (OpenSSH sshd)', () => {
  it('sends one large channel write to the transport in one write, and the bytes come back intact', async () => {
    const { socket, writes } = countedTransport();
    const route = await routeOver(socket);
    try {
      const stream = await route.openStream('127.0.0.1', echoPort);
      const sent = Buffer.alloc(256 * 1024);
      for (let i = 0; i < sent.length; i++) sent[i] = (i * 7 + (i >> 9)) & 0xff;
      const back = readBack(stream, sent.length);
      const before = writes();
      stream.write(sent);
      // 256 KiB is 8 SSH packets of 32 KiB: written one by one, the transport would see 8 writes.
      expect(writes() - before).toBeLessThanOrEqual(2);
      expect((await back).equals(sent)).toBe(true);
      expect(route.bytes).toEqual({ in: sent.length, out: sent.length });
      stream.destroy();
    } finally {
      await route.close();
    }
  });

  it('sends writes queued on a corked channel (a request header and body) as one SSH packet, in order', async () => {
    const { socket, writes } = countedTransport();
    const route = await routeOver(socket);
    try {
      const stream = await route.openStream('127.0.0.1', echoPort);
      const parts = [Buffer.from('POST /score HTTP/1.1\r\nhost: x\r\n\r\n'), Buffer.from('{"input_data":[1,2,3]}'), Buffer.from('tail')];
      const whole = Buffer.concat(parts);
      const back = readBack(stream, whole.length);
      const before = writes();
      stream.cork();
      for (const part of parts) stream.write(part);
      stream.uncork();
      await new Promise((resolve) => setImmediate(resolve)); // small writes leave at the end of the tick
      expect(writes() - before).toBe(1);
      expect((await back).toString()).toBe(whole.toString());
      expect(route.bytes).toEqual({ in: whole.length, out: whole.length });
      stream.destroy();
    } finally {
      await route.close();
    }
  });

  it('sends small writes made in the same tick without a cork (TLS records of one request, written one by one) as one SSH packet', async () => {
    const { socket, writes } = countedTransport();
    const route = await routeOver(socket);
    try {
      const stream = await route.openStream('127.0.0.1', echoPort);
      const parts = [Buffer.from('\x17\x03\x03 header record'), Buffer.from('\x17\x03\x03 body record')];
      const whole = Buffer.concat(parts);
      const back = readBack(stream, whole.length);
      const before = writes();
      for (const part of parts) stream.write(part);
      // Two packets would let the far side's Nagle hold the second back for the server's delayed ACK (~40 ms).
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes() - before).toBe(1);
      expect((await back).toString()).toBe(whole.toString());
      stream.destroy();
    } finally {
      await route.close();
    }
  });
});
