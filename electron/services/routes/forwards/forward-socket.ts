// One accepted local socket of a forward: asks the route getter for the route that is up NOW (a forward never
// holds a connection of its own, so a route that dropped and came back serves the next socket), opens a stream
// to the target over it, and pipes both ways with backpressure (pipe pauses the faster side), Nagle off on the
// local socket, and byte counts. Any failure closes this socket and its stream only, and is reported in words.
// It never looks into the bytes and never dials anything itself.
import type net from 'node:net';
import { finished, type Duplex } from 'node:stream';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { ErrorCode } from '../../../../shared/errors/codes';
import type { RouteConnection } from '../route-types';
import type { ForwardTarget } from './forward-types';

export interface SocketFailure {
  readonly code: ErrorCode | null;
  readonly message: string;
}

export interface ForwardCounters {
  bytesIn: number;
  bytesOut: number;
}

export interface CarrySocketOptions {
  readonly target: ForwardTarget;
  readonly connection: () => RouteConnection;
  readonly counters: ForwardCounters;
  readonly onFailure: (failure: SocketFailure) => void;
}

export interface CarriedSocket {
  /** Resolves once the local socket is closed and its stream (if one was opened) is closed or destroyed by us. */
  readonly done: Promise<void>;
  /** Closes the local socket and its stream at once (the forward is closing). */
  close(): void;
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code ?? 'unknown reason';

function routeFailure(error: unknown, target: string): SocketFailure {
  if (error instanceof AirlockError) return { code: error.code, message: error.message };
  return { code: null, message: `The stream to ${target} over the route failed (${errnoOf(error)}).` };
}

function streamClosed(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    finished(stream, () => resolve());
  });
}

export function carrySocket(local: net.Socket, options: CarrySocketOptions): CarriedSocket {
  const target = `${options.target.host}:${options.target.port}`;
  const abort = new AbortController();
  let remote: Duplex | null = null;
  let failed = false;
  let settleRemote: () => void = () => undefined;
  const remoteDone = new Promise<void>((resolve) => (settleRemote = resolve));
  const localDone = new Promise<void>((resolve) => {
    if (local.closed) resolve();
    else local.once('close', () => resolve());
  });

  // Closing before the stream arrived: do not wait on openStream; a stream that arrives later is destroyed.
  // A stream this forward destroyed is released: its 'close' waits on the far side (an SSH channel's on the
  // jump host's answer), which may never come after the route ended, so it is not waited for.
  const stop = () => {
    abort.abort();
    remote?.destroy();
    settleRemote();
  };
  const fail = (failure: SocketFailure) => {
    if (!failed && !abort.signal.aborted) options.onFailure(failure);
    failed = true;
    local.destroy();
    stop();
  };

  local.setNoDelay(true);
  local.on('error', (error) => fail({ code: null, message: `The local program's connection to the forward failed (${errnoOf(error)}).` }));
  local.once('close', stop);

  const attach = (stream: Duplex) => {
    remote = stream;
    void streamClosed(stream).then(settleRemote);
    stream.on('error', (error) => fail(routeFailure(error, target)));
    if (local.destroyed || abort.signal.aborted) {
      stream.destroy();
      return;
    }
    stream.once('close', () => {
      // A stream that ended cleanly has had its last bytes piped: flush them, then close. One that died without
      // an end is cut off, so the local program sees a reset rather than a short answer that looks whole.
      if (stream.readableEnded) local.destroySoon();
      else local.destroy();
    });
    // Counting listeners go on with the pipes: data read before the stream was open waits in the socket, uncounted.
    local.pipe(stream);
    stream.pipe(local);
    local.on('data', (chunk: Buffer) => (options.counters.bytesOut += chunk.length));
    stream.on('data', (chunk: Buffer) => (options.counters.bytesIn += chunk.length));
  };

  try {
    const connection = options.connection();
    connection.openStream(options.target.host, options.target.port, abort.signal).then(attach, (error: unknown) => {
      settleRemote();
      fail(routeFailure(error, target));
    });
  } catch (error) {
    settleRemote();
    fail(routeFailure(error, target));
  }

  return {
    done: Promise.all([localDone, remoteDone]).then(() => undefined),
    close() {
      stop();
      local.destroy();
    },
  };
}
