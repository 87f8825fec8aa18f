// Write coalescing for one SSH channel over its route's transport. ssh2 encrypts a channel write as 32 KiB
// packets and hands the transport each packet in several small writes (length, payload, tag: a 256 KiB write
// became 24 socket writes), and it has no _writev, so writes queued on a corked channel (TLS's header and body
// records of one request) each became their own packet. Here a channel write's packets leave in ONE transport
// write (cork/uncork → one writev), and queued channel writes join into one chunk (one packet when small): fewer
// syscalls on bulk, and no request split across packets for the far side's Nagle to hold back. The bytes, their
// order and the channel's backpressure are untouched; it never looks into the data.
import type { Duplex, Writable } from 'node:stream';

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
}
