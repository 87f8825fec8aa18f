// The bulk benches' two ends: a loopback sink that reads what a connection sends and answers one byte once it
// has all of it (so the sender's clock stops only when every byte crossed), and the sender, which writes a
// fixed buffer again and again with backpressure. Loopback only.
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';

export const MiB = 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 0x5a);

export interface BulkSink {
  readonly port: number;
  close(): Promise<void>;
}

/** Each connection starts with an 8-byte big-endian length, then that many bytes; the sink answers `!` after the last. */
export async function startBulkSink(): Promise<BulkSink> {
  const server: Server = createServer((socket) => {
    socket.setNoDelay(true);
    let header = Buffer.alloc(0);
    let expected = -1;
    let got = 0;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      if (expected < 0) {
        header = Buffer.concat([header, chunk]);
        if (header.length < 8) return;
        expected = Number(header.readBigUInt64BE(0));
        got = header.length - 8;
      } else got += chunk.length;
      if (expected >= 0 && got >= expected) {
        expected = Number.POSITIVE_INFINITY;
        socket.end('!');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Sends `bytes` through `stream` to the sink and resolves when the sink confirmed it has them all. */
export async function sendBulk(stream: Duplex, bytes: number): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    stream.once('data', () => resolve());
    stream.once('error', reject);
    stream.once('close', () => reject(new Error('closed before the sink answered')));
  });
  const header = Buffer.alloc(8);
  header.writeBigUInt64BE(BigInt(bytes));
  stream.write(header);
  let left = bytes;
  while (left > 0) {
    const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
    left -= piece.length;
    if (!stream.write(piece)) await once(stream, 'drain');
  }
  await done;
  stream.destroy();
}
