// The sandbox's private resolver, asked the way Airlock's sandbox adapter asks it: Node's own
// `dns.Resolver` pointed at 127.0.0.1:PORT. VPN on: public name → CNAME privatelink name → A 10.0.x.y (data,
// never dialled). VPN off: the same name → a public A, no CNAME. NXDOMAIN for unknown names, a silent mode
// that plays a timeout, TCP as well as UDP, and garbage packets that neither crash nor stop it.
import { Resolver } from 'node:dns/promises';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PrivateNetwork } from '../../../../sandbox/context';
import { startDnsServer, type DnsServer } from '../../../../sandbox/network/dns/dns-server';
import { createNetworkMode, type NetworkMode } from '../../../../sandbox/network/network-mode';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { SCORING_CNAME, SCORING_HOST } from './network-fixtures';

const PRIVATE = /^(10\.|172\.(1[6-9]|2\d|3[01])\.|192\.168\.)/;
const JUMPBOX = 'jumpbox.internal.sandbox';
const BASTION = 'bst-0a1b2c3d-0000-4000-8000-000000000001.bastion.sandbox.test';

let ctx: TestContext;
let network: PrivateNetwork;
let mode: NetworkMode;
let dns: DnsServer;

function resolver(options: { timeout?: number } = {}): Resolver {
  const r = new Resolver({ timeout: options.timeout ?? 2_000, tries: 1 });
  r.setServers([`127.0.0.1:${dns.port}`]);
  return r;
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'answered', (error: NodeJS.ErrnoException) => error.code);

/** A hand-built query (no shared code with the server): id 0x1234, RD, one question of `type`. */
function rawQuery(name: string, type: number): Buffer {
  const labels = name.split('.').flatMap((l) => [Buffer.from([l.length]), Buffer.from(l, 'ascii')]);
  return Buffer.concat([Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]), ...labels, Buffer.from([0, 0, type, 0, 1])]);
}

beforeAll(async () => {
  ctx = await createTestContext();
  network = createPrivateNetwork();
  network.publish({ hostname: SCORING_HOST, port: 443, loopbackPort: 40443, cname: SCORING_CNAME, addressGroup: 'ws-credit' });
  network.publish({ hostname: 'other-ep.westeurope.inference.ml.azure.com', port: 443, loopbackPort: 40443, cname: 'other-ep.x.privatelink.api.azureml.ms', addressGroup: 'ws-credit' });
  network.publish({ hostname: JUMPBOX, port: 22, loopbackPort: 40022, privateAddress: '10.0.2.4' });
  network.publishPublic({ hostname: BASTION, port: 443, loopbackPort: 40200, publicAddress: '20.50.0.10' });
  mode = createNetworkMode({ vpn: 'on' });
  dns = await startDnsServer(ctx, { network, mode });
});

afterAll(async () => {
  await dns?.stop();
});

describe('private DNS server', () => {
  it('answers a privatelink chain to a private address when the VPN is on', async () => {
    const r = resolver();
    const addresses = await r.resolve4(SCORING_HOST);
    expect(addresses).toHaveLength(1);
    expect(addresses[0]).toMatch(PRIVATE);
    expect(await r.resolveCname(SCORING_HOST)).toEqual([SCORING_CNAME]);
    expect(await r.resolve4(SCORING_CNAME)).toEqual(addresses);
    // Endpoints of one workspace share its private endpoint's address.
    expect(await r.resolve4('other-ep.westeurope.inference.ml.azure.com')).toEqual(addresses);
    expect(await r.resolve4(SCORING_HOST.toUpperCase())).toEqual(addresses);
    // ANY at a name that has a CNAME is the CNAME alone (RFC 1034 §3.6.2); the privatelink name holds the A.
    expect(await r.resolveAny(SCORING_HOST)).toEqual([{ type: 'CNAME', value: SCORING_CNAME }]);
    expect(await r.resolveAny(SCORING_CNAME)).toEqual([expect.objectContaining({ type: 'A', address: addresses[0] })]);
    expect(await r.resolve4(JUMPBOX)).toEqual(['10.0.2.4']);
    expect(await r.resolve4(BASTION)).toEqual(['20.50.0.10']);
  });

  it('maps each private address:port to the loopback port that plays it', async () => {
    const [address] = await resolver().resolve4(SCORING_HOST);
    expect(network.addressServicePorts()).toMatchObject({ [`${address}:443`]: 40443, '10.0.2.4:22': 40022, [`${BASTION}:443`]: 40200 });
  });

  it('says NXDOMAIN for unknown names and no AAAA (private endpoints are IPv4)', async () => {
    const r = resolver();
    expect(await codeOf(r.resolve4('nowhere.example.com'))).toBe('ENOTFOUND');
    expect(await codeOf(r.resolve4('localhost'))).toBe('ENOTFOUND');
    expect(await r.resolve6(SCORING_HOST)).toEqual([]);
    expect(await codeOf(r.resolve6(SCORING_CNAME))).toBe('ENODATA');
  });

  it('answers public addresses and no privatelink CNAME when the VPN is off', async () => {
    mode.setVpn('off');
    try {
      const r = resolver();
      const addresses = await r.resolve4(SCORING_HOST);
      expect(addresses).toHaveLength(1);
      expect(addresses[0]).not.toMatch(PRIVATE);
      expect(addresses[0]).not.toMatch(/^127\./);
      expect(await codeOf(r.resolveCname(SCORING_HOST))).toBe('ENODATA');
      expect(await codeOf(r.resolve4(SCORING_CNAME))).toBe('ENOTFOUND');
      expect(await codeOf(r.resolve4(JUMPBOX))).toBe('ENOTFOUND');
      expect(await r.resolve4(BASTION)).toEqual(['20.50.0.10']);
    } finally {
      mode.setVpn('on');
    }
    expect((await resolver().resolve4(SCORING_HOST))[0]).toMatch(PRIVATE);
  });

  it('plays a resolver that does not answer', async () => {
    mode.setDnsAnswers('silent');
    try {
      expect(await codeOf(resolver({ timeout: 200 }).resolve4(SCORING_HOST))).toBe('ETIMEOUT');
    } finally {
      mode.setDnsAnswers('answer');
    }
    expect(await resolver().resolve4(SCORING_HOST)).toHaveLength(1);
  });

  it('answers over TCP with a length prefix', async () => {
    const socket = connect({ host: '127.0.0.1', port: dns.port });
    await once(socket, 'connect');
    const query = rawQuery(SCORING_HOST, 1);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(query.length);
    socket.write(Buffer.concat([length, query]));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const received = () => Buffer.concat(chunks);
    await vi.waitFor(() => expect(received().length >= 2 && received().length >= 2 + received().readUInt16BE(0)).toBe(true), { timeout: 10_000 });
    socket.destroy();
    const reply = Buffer.concat(chunks).subarray(2);
    expect(reply.readUInt16BE(0)).toBe(0x1234);
    expect(reply.readUInt16BE(2) & 0x800f).toBe(0x8000); // a response, NOERROR
    expect(reply.readUInt16BE(6)).toBe(2); // CNAME + A
  });

  it('survives garbage packets and keeps answering', async () => {
    const udp = createSocket('udp4');
    for (const junk of [Buffer.alloc(0), Buffer.from([1, 2, 3]), Buffer.alloc(12, 0xff), Buffer.concat([rawQuery('a.b', 1).subarray(0, 12), Buffer.from([0xc0, 0x0c, 0, 0, 1, 0, 1])])]) {
      udp.send(junk, dns.port, '127.0.0.1');
    }
    udp.send(rawQuery('x'.repeat(63), 1), dns.port, '127.0.0.1');
    await new Promise((resolve) => setImmediate(resolve));
    udp.close();
    const tcp = connect({ host: '127.0.0.1', port: dns.port });
    await once(tcp, 'connect');
    tcp.end(Buffer.from([0xff, 0xff, 1, 2, 3]));
    await once(tcp, 'close');
    expect(await resolver().resolve4(SCORING_HOST)).toHaveLength(1);
  });
});
