// The invoke benches' baseline: a raw undici POST to the same scoring server Airlock's VPN route reaches —
// TCP to the loopback port the private network publishes the scoring host on, TLS verified against the
// endpoint's real name with the sandbox CA, HTTP/1.1 kept alive, pipelining 1 — exactly the transport
// Airlock's data-plane client uses on the VPN route (its origin pool: undici Clients, 16 per origin), minus
// everything around it (door, guard, audit, payload check, token cache, timings, result view).
import tls from 'node:tls';
import { Pool } from 'undici';

export interface RawScoring {
  /** POSTs `payload` with `token`; resolves with the status once the body is read. */
  score(payload: string, token: string): Promise<number>;
  close(): Promise<void>;
}

export function rawUndiciScoring(target: { host: string; loopbackPort: number; caPem: string }, connections = 1): RawScoring {
  const pool = new Pool(`https://${target.host}`, {
    connections,
    pipelining: 1,
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: (_params, callback) => {
      const socket = tls.connect({ host: '127.0.0.1', port: target.loopbackPort, servername: target.host, ca: target.caPem, ALPNProtocols: ['http/1.1'] });
      const fail = (error: Error) => callback(error, null);
      socket.once('error', fail);
      socket.once('secureConnect', () => {
        socket.off('error', fail);
        callback(null, socket);
      });
    },
  });
  return {
    async score(payload, token) {
      const answer = await pool.request({
        path: '/score',
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: payload,
      });
      await answer.body.arrayBuffer();
      return answer.statusCode;
    },
    close: () => pool.close(),
  };
}
