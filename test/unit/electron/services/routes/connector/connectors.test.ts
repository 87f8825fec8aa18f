// The connector adapters, against loopback listeners only: the sandbox connector maps a private address:port or
// a sandbox name:port to its loopback port and refuses everything else without dialling; loopback destinations
// pass as they are. The OS adapter dials what it is given (here: loopback) and types refusals and deadlines.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemScheduler } from '../../../../../../electron/services/ports';
import { createOsConnector } from '../../../../../../electron/services/routes/connector/os-connector';
import { createSandboxConnector } from '../../../../../../electron/services/routes/connector/sandbox-connector';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';
import { ERROR_DETAILS } from '../../../../../../shared/errors/details';

let server: Server;
let port: number;
let accepted = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    accepted++;
    socket.end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const read = (socket: NodeJS.ReadableStream) =>
  new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('end', () => resolve(text));
  });

async function refusal(promise: Promise<unknown>): Promise<AirlockError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AirlockError);
  const airlock = error as AirlockError;
  expect(ERROR_DETAILS[airlock.code].safeParse(airlock.details ?? {}).success).toBe(true);
  return airlock;
}

describe('sandbox connector', () => {
  const connector = () => createSandboxConnector({ servicePorts: { '10.0.1.4:443': port, 'bst-3f2a.bastion.sandbox.test:443': port }, scheduler: systemScheduler });

  it('dials the loopback port that plays a private address or a sandbox name', async () => {
    expect(await read(await connector().connect('10.0.1.4', 443))).toBe('hello');
    expect(await read(await connector().connect('BST-3f2a.bastion.sandbox.test', 443))).toBe('hello');
  });

  it('dials loopback destinations as they are', async () => {
    expect(await read(await connector().connect('127.0.0.1', port))).toBe('hello');
    expect(await read(await connector().connect('localhost', port))).toBe('hello');
  });

  it('refuses any other address or port without dialling it', async () => {
    const before = accepted;
    for (const [host, p] of [['10.0.1.4', 22], ['10.0.1.5', 443], ['192.168.1.1', 443], ['example.com', 443]] as const) {
      const error = await refusal(connector().connect(host, p));
      expect(error.code).toBe('E_UNREACHABLE');
      expect(error.details).toMatchObject({ host: `${host}:${p}`, reason: 'not-in-sandbox' });
      expect(error.message).toContain('did not dial it');
    }
    expect(accepted).toBe(before);
  });
});

describe('OS connector', () => {
  it('connects to what it is given, Nagle off', async () => {
    const socket = await createOsConnector({ scheduler: systemScheduler }).connect('127.0.0.1', port);
    expect(await read(socket)).toBe('hello');
  });

  it('types a refused connection as E_UNREACHABLE with the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await refusal(createOsConnector({ scheduler: systemScheduler }).connect('127.0.0.1', freePort));
    expect(error.code).toBe('E_UNREACHABLE');
    expect(error.details).toEqual({ host: `127.0.0.1:${freePort}`, reason: 'ECONNREFUSED' });
  });

  it('gives up typed when the caller aborts', async () => {
    const aborted = await refusal(createOsConnector({ scheduler: systemScheduler }).connect('127.0.0.1', port, AbortSignal.abort()));
    expect(aborted.details).toMatchObject({ reason: 'aborted' });
  });
});
