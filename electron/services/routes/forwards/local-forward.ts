// One local forward: a 127.0.0.1 listener whose every accepted socket is carried to the target over the route
// that is up at that moment (forward-socket.ts). It keeps the forward's byte counts, its live sockets and the
// last socket failure in words; close() stops the listener and closes every live socket and stream, and
// resolves only when all are closed and the port is free again. It never listens anywhere but 127.0.0.1.
import type net from 'node:net';
import type { Clock, Logger } from '../../ports';
import { carrySocket, type CarriedSocket, type ForwardCounters } from './forward-socket';
import type { ForwardError, ForwardView, OpenForwardOptions } from './forward-types';
import { LOOPBACK, listenOnLoopback } from './loopback-listener';

export interface LocalForward {
  readonly id: string;
  view(): ForwardView;
  close(): Promise<void>;
}

export interface LocalForwardOptions extends OpenForwardOptions {
  readonly id: string;
  /** The port to bind (0 = any free one). */
  readonly port: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Words for the view when the port is not the one the user had (see ForwardView.portNote); null otherwise. */
  readonly portNote?: (boundPort: number) => string | null;
  /** Called when sockets come or go or one fails (not for bytes alone). */
  readonly changed: () => void;
}

export async function openLocalForward(options: LocalForwardOptions): Promise<LocalForward> {
  const counters: ForwardCounters = { bytesIn: 0, bytesOut: 0 };
  const live = new Set<CarriedSocket>();
  let lastError: ForwardError | null = null;
  let closing: Promise<void> | null = null;

  const accept = (socket: net.Socket) => {
    if (closing !== null) {
      socket.destroy();
      return;
    }
    const carried = carrySocket(socket, {
      target: options.target,
      connection: options.connection,
      counters,
      onFailure: (failure) => {
        lastError = { ...failure, at: options.clock.now().toISOString() };
        options.logger.log('warn', 'forward.socketFailed', { forward: options.id, code: failure.code });
        options.changed();
      },
    });
    live.add(carried);
    options.changed();
    void carried.done.then(() => {
      live.delete(carried);
      if (closing === null) options.changed();
    });
  };

  const { server, port } = await listenOnLoopback(options.port, accept);
  // After listening, a server error (say, too many open files on accept) must not crash main: log it by code.
  server.on('error', (error: NodeJS.ErrnoException) => options.logger.log('warn', 'forward.listenerFailed', { forward: options.id, code: error.code ?? null }));
  const portNote = options.portNote?.(port) ?? null;
  const openedAt = options.clock.now().toISOString();
  const target = `${options.target.host}:${options.target.port}`;

  return {
    id: options.id,
    view: () => ({
      id: options.id,
      address: `${LOOPBACK}:${port}`,
      port,
      target,
      via: options.via,
      openedAt,
      bytesIn: counters.bytesIn,
      bytesOut: counters.bytesOut,
      connections: live.size,
      lastError,
      portNote,
    }),
    close() {
      closing ??= (async () => {
        const listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        const sockets = [...live];
        for (const carried of sockets) carried.close();
        await Promise.all([listenerClosed, ...sockets.map((carried) => carried.done)]);
        live.clear();
      })();
      return closing;
    },
  };
}
