// The jump host's only service: `direct-tcpip` channels (ssh -L, -W, -J) to what the private network
// publishes: a private host name:port that `network.route` resolves, or a published private IPv4 address:port
// (`10.0.1.4:443`, what a client that resolved the name itself asks for) that `network.routeAddress` maps.
// Every other IP literal (loopback, unpublished private, public, IPv6), `localhost`, public names (Bastion's),
// unknown names and unpublished ports are refused and logged with the user and target. It never connects
// anywhere but the loopback port the network names: the private address is data, never dialled.
import { isIP, connect, type Socket } from 'node:net';
import type { AcceptConnection, RejectConnection, ServerChannel, TcpipRequestInfo } from 'ssh2';
import type { PrivateNetwork, SandboxLog } from '../context';

export interface ForwardDecision {
  readonly allowed: boolean;
  readonly reason: string;
  readonly loopbackPort?: number;
}

const printable = (value: string) => value.replace(/[^\x20-\x7e]/g, '?').slice(0, 253);

/** Whether a direct-tcpip request for host:port may go through, and where to. */
export function decideForward(network: PrivateNetwork, host: string, port: number): ForwardDecision {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (isIP(name) === 4) {
    const route = network.routeAddress(name, port);
    return route ? { allowed: true, reason: 'published private address', loopbackPort: route.port } : { allowed: false, reason: 'address literal the private network does not publish' };
  }
  if (isIP(name) !== 0) return { allowed: false, reason: 'address literal (only published private IPv4 addresses are routed)' };
  if (name === 'localhost' || name.endsWith('.localhost')) return { allowed: false, reason: 'loopback name' };
  const route = network.route(name, port);
  if (!route) return { allowed: false, reason: 'not a private endpoint' };
  return { allowed: true, reason: 'private endpoint', loopbackPort: route.port };
}

/** Handles one `tcpip` event of an authenticated connection; `track` registers the upstream socket for stop(). */
export function handleDirectTcpip(
  options: { network: PrivateNetwork; log: SandboxLog; user: string; track: (socket: Socket) => void },
  accept: AcceptConnection<ServerChannel>,
  reject: RejectConnection,
  info: TcpipRequestInfo,
): void {
  const target = `${printable(info.destIP)}:${info.destPort}`;
  const decision = decideForward(options.network, info.destIP, info.destPort);
  if (!decision.allowed || decision.loopbackPort === undefined) {
    options.log('jumphost.forward.refused', { user: options.user, target, reason: decision.reason });
    reject();
    return;
  }
  const upstream = connect({ host: '127.0.0.1', port: decision.loopbackPort, noDelay: true }); // see jump-host.ts on Nagle
  options.track(upstream);
  let channel: ServerChannel | undefined;
  upstream.once('connect', () => {
    channel = accept();
    options.log('jumphost.forward.opened', { user: options.user, target });
    channel.on('error', () => upstream.destroy());
    channel.on('close', () => upstream.destroy());
    upstream.on('close', () => channel?.close());
    channel.pipe(upstream).pipe(channel);
  });
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (channel) {
      channel.close();
      return;
    }
    options.log('jumphost.forward.failed', { user: options.user, target, error: error.code ?? 'error' });
    reject();
  });
}
