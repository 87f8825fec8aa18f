// The Bastion WebSocket as a Node Duplex, relaying raw TCP bytes the way the CLI does (azure-wire-format §14.4):
// each write goes out as one binary frame, each received message (text or binary) comes out verbatim, an empty
// message or a close frame ends both sides, and a drop without a close frame is E_ROUTE_DROPPED. Backpressure
// holds both ways: a write completes when its frame left, and the socket pauses while the reader is full.
// Never logs, and never lets ws's own error text (which may carry the URL, and so the token) out.
import { Duplex } from 'node:stream';
import { AirlockError } from '../../../../shared/errors/airlock-error';

/** The part of a `ws` WebSocket the relay uses (a fake one in tests). */
export interface TunnelWebSocket {
  readonly readyState: number;
  readonly isPaused: boolean;
  send(data: Buffer, options: { binary: boolean }, callback: (error?: Error) => void): void;
  close(code?: number): void;
  terminate(): void;
  pause(): void;
  resume(): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): unknown;
  on(event: 'close', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const OPEN = 1;
/** RFC 6455: no close frame was received (the TCP connection just went away). */
const ABNORMAL_CLOSURE = 1006;

export const routeDropped = (): AirlockError =>
  new AirlockError('E_ROUTE_DROPPED', { message: 'The Azure Bastion tunnel dropped while it was carrying data.', details: { via: 'bastion' } });

const asBuffer = (data: Buffer | ArrayBuffer | Buffer[]): Buffer => (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));

export type TunnelDuplex = Duplex & { setNoDelay(noDelay?: boolean): void };

export function tunnelStream(ws: TunnelWebSocket, options: { readableHighWaterMark?: number; writableHighWaterMark?: number } = {}): TunnelDuplex {
  let readEnded = false;
  let localEnded = false;
  let dropped = false;

  const stream = new Duplex({
    allowHalfOpen: false,
    ...options,
    read() {
      if (ws.isPaused) ws.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (readEnded && !dropped) return callback(); // the far side already closed: like a socket, data goes nowhere
      if (dropped || ws.readyState !== OPEN) return callback(routeDropped());
      ws.send(chunk, { binary: true }, (error) => callback(error ? routeDropped() : undefined));
    },
    final(callback) {
      localEnded = true;
      if (ws.readyState === OPEN) ws.close(1000);
      callback();
    },
    destroy(error, callback) {
      if (ws.readyState <= OPEN) ws.terminate();
      callback(error);
    },
  });

  const endBoth = () => {
    if (readEnded) return;
    readEnded = true;
    stream.push(null);
    if (ws.readyState === OPEN) ws.close(1000);
  };
  const drop = () => {
    // After a clean end (or once we closed our side) the socket going away is just the close.
    if (readEnded || localEnded) return endBoth();
    if (dropped || stream.destroyed) return;
    dropped = true;
    stream.destroy(routeDropped());
  };

  ws.on('message', (data) => {
    if (readEnded) return;
    const chunk = asBuffer(data);
    if (chunk.length === 0) return endBoth();
    if (!stream.push(chunk)) ws.pause();
  });
  ws.on('close', (code) => (code === ABNORMAL_CLOSURE ? drop() : endBoth()));
  ws.on('error', () => drop());

  // ssh2 calls setNoDelay on its socket; the TCP socket under the WebSocket already has TCP_NODELAY.
  return Object.assign(stream, { setNoDelay: () => undefined });
}
