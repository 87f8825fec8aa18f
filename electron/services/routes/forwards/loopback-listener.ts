// The listening half of a local forward: a TCP listener bound to 127.0.0.1 and nothing else (never 0.0.0.0, ::
// or "localhost", which could reach other machines or another address family). A port another program holds
// is E_PORT_IN_USE {port} in words. Accepted sockets are half-open capable, so a client that sends its request
// and shuts its write side still gets the whole answer.
import net from 'node:net';
import { AirlockError } from '../../../../shared/errors/airlock-error';

/** The only address a forward ever listens on. */
export const LOOPBACK = '127.0.0.1';

function listenFailure(port: number, error: NodeJS.ErrnoException): AirlockError {
  if (error.code === 'EADDRINUSE') {
    return new AirlockError('E_PORT_IN_USE', {
      message: `${LOOPBACK}:${port} is already used by another program, so Airlock cannot forward that port.`,
      details: { port },
    });
  }
  return new AirlockError('E_UNAVAILABLE', {
    message: `The system did not let Airlock listen on ${LOOPBACK}:${port} (${error.code ?? 'unknown reason'}).`,
    hint: 'Choose another port, or leave the port empty so Airlock picks a free one.',
  });
}

/** Listens on 127.0.0.1:port (0 = a free port the system picks); resolves with the server and the bound port. */
export function listenOnLoopback(port: number, onSocket: (socket: net.Socket) => void): Promise<{ server: net.Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ allowHalfOpen: true, noDelay: true }, onSocket);
    const onError = (error: NodeJS.ErrnoException) => reject(listenFailure(port, error));
    server.once('error', onError);
    // exclusive: the listener is this process's own, never shared with cluster workers.
    server.listen({ host: LOOPBACK, port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address() as net.AddressInfo;
      resolve({ server, port: address.port });
    });
  });
}
