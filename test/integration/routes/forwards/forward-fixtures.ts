// Loopback fixtures for local-forward tests: an echo server (the "private endpoint", played on 127.0.0.1) and a
// fake RouteConnection whose openStream dials that echo server whatever host it is asked for (the host is data:
// a private name is never resolved or dialled). Nothing here touches a non-loopback address.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { RouteConnection } from '../../../../electron/services/routes';

export interface EchoServer {
  readonly port: number;
  /** Sockets the echo server holds open now. */
  readonly open: Set<net.Socket>;
  close(): Promise<void>;
}

export async function startEchoServer(): Promise<EchoServer> {
  const open = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    open,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface FakeRoute extends RouteConnection {
  readonly asked: Array<{ host: string; port: number }>;
  readonly streams: Duplex[];
}

/** A route that carries every stream to the loopback echo server; `open` replaces how a stream is made. */
export function fakeRoute(echoPort: number, open?: (host: string, port: number) => Promise<Duplex>): FakeRoute {
  const asked: Array<{ host: string; port: number }> = [];
  const streams: Duplex[] = [];
  return {
    asked,
    streams,
    target: 'fake route',
    bytes: { in: 0, out: 0 },
    async openStream(host, port) {
      asked.push({ host, port });
      const stream =
        open !== undefined
          ? await open(host, port)
          : await new Promise<Duplex>((resolve, reject) => {
              const socket = net.connect({ host: '127.0.0.1', port: echoPort, allowHalfOpen: true }, () => resolve(socket));
              socket.once('error', reject);
            });
      streams.push(stream);
      return stream;
    },
    probe: async () => 1,
    close: async () => undefined,
    onDrop: () => undefined,
  };
}

export function connectClient(port: number, host = '127.0.0.1'): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `data`, ends the write side, and collects everything until the far side ends. */
export function roundTrip(socket: net.Socket, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('end', () => resolve(Buffer.concat(chunks)));
    socket.once('error', reject);
    socket.end(data);
  });
}

/** Resolves when the socket is closed (by either side), with whether it ended cleanly. */
export function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.closed) resolve();
    else socket.once('close', () => resolve());
  });
}

/** Whether something can listen on 127.0.0.1:port now (the port is free). */
export async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function occupy(port: number): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
