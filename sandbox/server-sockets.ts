// Stopping a server for real: `server.close()` waits for open connections, and `closeAllConnections()` does
// not see sockets that never finished the TLS handshake, so one idle client could keep the sandbox from
// stopping. Every raw socket is tracked from the 'connection' event and destroyed on stop.
import type { Server, Socket } from 'node:net';

export interface TrackedServer {
  /** Closes the listener, destroys every open socket, and resolves once the server has closed. */
  close(): Promise<void>;
}

export function trackServer(server: Server): TrackedServer {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let closing: Promise<void> | null = null;
  return {
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
