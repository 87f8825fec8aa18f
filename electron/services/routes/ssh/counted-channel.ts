// Counts the bytes of one SSH channel into its route's totals without putting another stream in the data path
// (a PassThrough per direction would copy every chunk and add a hop to every write): ssh2 hands incoming data
// to `push` and outgoing data to `_write`, so both are wrapped on the instance. Never looks into the bytes.
import type { Duplex } from 'node:stream';

export interface ByteCounter {
  in: number;
  out: number;
}

type Writer = (chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void) => void;

export function countBytes(channel: Duplex, counter: ByteCounter): void {
  const push = channel.push.bind(channel);
  channel.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (Buffer.isBuffer(chunk)) counter.in += chunk.length;
    return push(chunk, encoding);
  };
  const target = channel as unknown as { _write: Writer };
  const write = target._write.bind(channel);
  target._write = (chunk, encoding, callback) => {
    counter.out += chunk.length;
    write(chunk, encoding, callback);
  };
}
