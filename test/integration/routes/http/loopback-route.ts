// A fake RouteConnection for tests: openStream(host, port) looks the name up in a map (the sandbox's private
// network, plus names a test adds) and opens a TCP socket to the LOOPBACK port that plays it. Anything not
// in the map is refused (E_UNREACHABLE), and it refuses to dial anything but 127.0.0.1. Tests can kill every
// open stream (a tunnel dying) or fire the route's drop.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { RouteConnection } from '../../../../electron/services/routes';

export interface LoopbackRoute extends RouteConnection {
  /** host:port pairs asked for, in order. */
  readonly opened: string[];
  /** Destroys every stream still open (the tunnel under them died). */
  killStreams(): void;
  /** Fires the route's drop listeners and makes later openStream calls fail E_ROUTE_DROPPED. */
  drop(): void;
}

export function createLoopbackRoute(lookup: (host: string, port: number) => number | null, target = 'loopback test route'): LoopbackRoute {
  const streams = new Set<net.Socket>();
  const dropListeners: Array<(error: AirlockError) => void> = [];
  const bytes = { in: 0, out: 0 };
  let dropped = false;
  const opened: string[] = [];
  return {
    opened,
    target,
    bytes,
    openStream(host, port, signal): Promise<Duplex> {
      opened.push(`${host}:${port}`);
      if (dropped) return Promise.reject(new AirlockError('E_ROUTE_DROPPED', { details: { via: 'jump' } }));
      const loopbackPort = lookup(host.toLowerCase(), port);
      if (loopbackPort === null) return Promise.reject(new AirlockError('E_UNREACHABLE', { details: { host: `${host}:${port}`, reason: 'not-published' } }));
      return new Promise((resolve, reject) => {
        const socket = net.connect({ host: '127.0.0.1', port: loopbackPort, signal });
        streams.add(socket);
        socket.on('close', () => streams.delete(socket));
        socket.on('data', (c: Buffer) => (bytes.in += c.length));
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      });
    },
    probe: () => Promise.resolve(1),
    close: () => {
      for (const s of streams) s.destroy();
      return Promise.resolve();
    },
    onDrop: (listener) => void dropListeners.push(listener),
    killStreams() {
      for (const s of streams) s.destroy();
    },
    drop() {
      dropped = true;
      for (const s of streams) s.destroy();
      for (const l of dropListeners) l(new AirlockError('E_ROUTE_DROPPED', { details: { via: 'jump' } }));
    },
  };
}
