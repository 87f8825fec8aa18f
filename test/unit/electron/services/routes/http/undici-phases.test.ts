// undici's diagnostics channels stamp a request's send, first byte and end on a socket Airlock registered (a
// loopback HTTP server here), in that order; a socket nobody registered (another undici client in the same
// process) leaves no marks anywhere. Never asserts how long anything took.
import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'undici';
import { watchSocket, type RequestMarks } from '../../../../../../electron/services/routes/http/undici-phases';

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(100_000)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A client whose connector registers its socket (or not), as the origin pool's does. */
function clientWith(register: ((socket: net.Socket) => void) | null): Client {
  return new Client(`http://127.0.0.1:${port}`, {
    connect: (_params, callback) => {
      const socket = net.connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        register?.(socket);
        callback(null, socket);
      });
      socket.once('error', (error) => callback(error, null));
    },
  });
}

describe('undici request phases', () => {
  it('stamps send ≤ headers ≤ end for each request on a registered socket, fresh marks per request', async () => {
    let tick = 0;
    let current: RequestMarks = {};
    const client = clientWith((socket) => watchSocket(socket, { current: () => current, now: () => ++tick }));
    for (let i = 0; i < 2; i++) {
      current = {};
      const answer = await client.request({ path: '/', method: 'POST', body: 'payload' });
      await answer.body.text();
      expect(current.sentAt).toEqual(expect.any(Number));
      expect(current.headersAt).toBeGreaterThan(current.sentAt!);
      expect(current.doneAt).toBeGreaterThan(current.headersAt!);
    }
    await client.close();
  });

  it('leaves no marks for a socket nobody registered, nor while the slot has no request', async () => {
    let stamps = 0;
    const idle = clientWith((socket) => watchSocket(socket, { current: () => null, now: () => ++stamps }));
    const stranger = clientWith(null);
    for (const client of [idle, stranger]) {
      const answer = await client.request({ path: '/', method: 'GET' });
      expect(answer.statusCode).toBe(200);
      await answer.body.text();
      await client.close();
    }
    expect(stamps).toBe(0);
  });
});
