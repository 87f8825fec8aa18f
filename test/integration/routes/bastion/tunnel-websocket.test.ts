// The tunnel WebSocket against a hand-written loopback server (TLS with a sandbox-CA certificate for a Bastion
// name): Bastion may put the first tunnel bytes (the SSH banner) in the same TCP write as its 101 answer, and
// those bytes must come out of the Duplex; the handshake is the CLI's (path, X-Node-Id, Origin, no
// subprotocol, no compression).
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTunnelWebSocket } from '../../../../electron/services/routes/bastion/tunnel-websocket';
import { createSandboxConnector } from '../../../../electron/services/routes/connector/sandbox-connector';
import { systemScheduler } from '../../../../electron/services/ports';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';

const DNS = 'bst-11111111-2222-4333-8444-555555555555.bastion.sandbox.test';
const BANNER = 'SSH-2.0-OpenSSH_9.2\r\n';
let ctx: TestContext;
let server: Server;
let port: number;
const requests: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  const { keyPem, certPem } = await ctx.ca.issue({ dnsNames: [DNS] });
  server = createServer({ key: keyPem, cert: certPem }, (socket: TLSSocket) => {
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      requests.push(head);
      const key = /sec-websocket-key: *(\S+)/i.exec(head)?.[1] ?? '';
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      const frame = Buffer.concat([Buffer.from([0x82, BANNER.length]), Buffer.from(BANNER)]);
      // One write: the 101 and the first binary message together.
      socket.write(Buffer.concat([Buffer.from(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`), frame]));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('openTunnelWebSocket', () => {
  it('keeps bytes Bastion sent in the same write as its 101, and speaks the CLI handshake', async () => {
    const connector = createSandboxConnector({ servicePorts: { [`${DNS}:443`]: port }, scheduler: systemScheduler });
    const stream = await openTunnelWebSocket({ connector, caPem: ctx.ca.certPem }, DNS, { authToken: 'a', nodeId: 'node 1', websocketToken: 'ws-token' });
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.toString('latin1')).toBe(BANNER);
    stream.destroy();
    const head = requests[0] ?? '';
    expect(head).toMatch(/^GET \/webtunnelv2\/ws-token\?X-Node-Id=node%201 HTTP\/1\.1\r\n/);
    expect(head).toMatch(new RegExp(`\r\nhost: ${DNS.replace(/\./g, '\\.')}\r\n`, 'i'));
    expect(head).toMatch(new RegExp(`\r\norigin: https://${DNS.replace(/\./g, '\\.')}\r\n`, 'i'));
    expect(head).not.toMatch(/sec-websocket-extensions|sec-websocket-protocol|authorization/i);
  });
});
