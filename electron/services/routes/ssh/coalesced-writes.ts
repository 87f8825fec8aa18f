// Write coalescing for one SSH channel over its route's transport. ssh2 encrypts a channel write as 32 KiB
// packets and hands the transport each packet in several small writes (length, payload, tag: a 256 KiB write
// became 24 socket writes), and it has no _writev, so writes queued on a corked channel (TLS's header and body
// records of one request) each became their own packet. Here a channel write's packets leave in ONE transport
// write (cork/uncork → one writev), and queued channel writes join into one chunk (one packet when small): fewer
// syscalls on bulk, and no request split across packets for the far side's Nagle to hold back. The bytes, their
// order and the channel's backpressure are untouched; it never looks into the data.
// TLS over the channel writes a request's records one by one (header record, body record), each its own
// channel write in the same tick: small writes therefore cork the channel until the end of the tick, so they
// too leave as one packet. Measured against Debian's sshd: two packets let sshd's Nagle (it sets no TCP_NODELAY
// towards the endpoint for a forward) hold the body back for the server's delayed ACK, a 40 ms p99.
import type { Duplex, Writable } from 'node:stream';

/** Writes at most this big wait for the end of the tick to join the others; bulk chunks go at once. */
const SMALL_WRITE = 16 * 1024;

type Callback = (error?: Error | null) => void;
type WriteFn = (chunk: Buffer, encoding: BufferEncoding | 'buffer', callback: Callback) => void;

export function coalesceWrites(channel: Duplex, transport: Writable): void {
  const target = channel as unknown as { _write: WriteFn; _writev?: (chunks: Array<{ chunk: Buffer }>, callback: Callback) => void };
  const write = target._write.bind(channel);
  target._write = (chunk, encoding, callback) => {
    // A transport already ended or destroyed is left to ssh2, as before.
    if (transport.writableEnded || transport.destroyed) return write(chunk, encoding, callback);
    transport.cork();
    try {
      write(chunk, encoding, callback);
    } finally {
      transport.uncork();
    }
  };
  target._writev = (chunks, callback) => {
    const joined = chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk));
    target._write(joined, 'buffer', callback);
  };
  corkSmallWritesForTheTick(channel);
}

function corkSmallWritesForTheTick(channel: Duplex): void {
  let corked = false;
  const write = channel.write.bind(channel) as (...args: unknown[]) => boolean;
  channel.write = ((chunk: unknown, ...rest: unknown[]) => {
    const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Uint8Array | null)?.byteLength ?? 0;
    if (!corked && size <= SMALL_WRITE && !channel.writableEnded && !channel.destroyed) {
      corked = true;
      channel.cork();
      process.nextTick(() => {
        corked = false;
        channel.uncork();
      });
    }
    return write(chunk, ...rest);
  }) as Duplex['write'];
}
