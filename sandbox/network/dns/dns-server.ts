// The sandbox's private resolver: a real DNS server (RFC 1035) on 127.0.0.1, UDP and TCP on the same port,
// the resolver a VPN client would be handed. Airlock's sandbox adapter points `dns.Resolver` at it. It
// answers from the private network (dns-answers.ts) in the current mode; 'silent' reads and drops every
// query (a resolver that does not answer). It listens on loopback only, never forwards a query anywhere,
// and never lets a malformed packet crash it or hold a TCP connection open.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import type { PrivateNetwork, RunningPart, SandboxContext } from '../../context';
import { trackServer } from '../../server-sockets';
import type { NetworkMode } from '../network-mode';
import { answer } from './dns-answers';
import { encodeFormatError, encodeReply, parseQuery, queryId } from './dns-wire';

export interface DnsServer extends RunningPart {
  readonly host: '127.0.0.1';
  /** The same port for UDP and TCP. */
  readonly port: number;
}

export interface DnsServerOptions {
  readonly network: PrivateNetwork;
  readonly mode: NetworkMode;
  /** A fixed port; 0 or absent picks one free for both UDP and TCP. */
  readonly port?: number;
}

/** A TCP client idle this long, or sending a message larger than this, is dropped. */
const TCP_IDLE_MS = 10_000;
const MAX_TCP_MESSAGE = 4_096;

function bindUdp(host: string, port: number): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const udp = createSocket({ type: 'udp4' });
    udp.once('error', reject);
    udp.bind({ address: host, port, exclusive: true }, () => {
      udp.off('error', reject);
      resolve(udp);
    });
  });
}

function listenTcp(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startDnsServer(ctx: SandboxContext, options: DnsServerOptions): Promise<DnsServer> {
  const reply = (packet: Buffer, via: 'udp' | 'tcp'): Buffer | null => {
    if (options.mode.dnsAnswers === 'silent') return null;
    const query = parseQuery(packet);
    if (!query) {
      const id = queryId(packet);
      ctx.log('dns.malformed', { via });
      return id === null ? null : encodeFormatError(id);
    }
    const { rcode, records } = answer(options.network, options.mode.vpn, query);
    ctx.log('dns.query', { via, type: query.type, name: query.name.slice(0, 253), rcode, vpn: options.mode.vpn });
    return encodeReply(query, rcode, records);
  };

  const onTcp = (socket: Socket) => {
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (length === 0 || length > MAX_TCP_MESSAGE) {
          socket.destroy();
          return;
        }
        if (buffered.length < 2 + length) return;
        const out = reply(buffered.subarray(2, 2 + length), 'tcp');
        buffered = buffered.subarray(2 + length);
        if (out) {
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(out.length);
          socket.write(Buffer.concat([prefix, out]));
        }
      }
    });
  };

  // UDP and TCP must share a port (a resolver falls back to TCP on the same one): bind UDP on a free port,
  // then TCP on it; if TCP loses that port to someone else, try again.
  let udp: UdpSocket | undefined;
  let tcp: Server | undefined;
  for (let attempt = 0; attempt < 10 && !tcp; attempt++) {
    udp = await bindUdp(ctx.host, options.port ?? 0);
    const port = udp.address().port;
    const server = createServer(onTcp);
    try {
      await listenTcp(server, ctx.host, port);
      tcp = server;
    } catch (error) {
      udp.close();
      udp = undefined;
      if (options.port || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  if (!udp || !tcp) throw new Error('the DNS server found no port free for both UDP and TCP');
  const udpSocket = udp;
  udpSocket.on('message', (packet, peer) => {
    const out = reply(packet, 'udp');
    if (out) udpSocket.send(out, peer.port, peer.address);
  });
  udpSocket.on('error', (error) => ctx.log('dns.error', { error: error.name }));
  const trackedTcp = trackServer(tcp);
  const port = udpSocket.address().port;
  ctx.log('dns.started', { port });

  let stopping: Promise<void> | undefined;
  return {
    name: 'dns',
    host: ctx.host,
    port,
    stop() {
      stopping ??= Promise.all([new Promise<void>((resolve) => udpSocket.close(() => resolve())), trackedTcp.close()]).then(() => undefined);
      return stopping;
    },
  };
}
