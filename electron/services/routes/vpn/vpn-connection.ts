// An open VPN (or direct) route: there is no session to hold, so "open" means the posture check passed. Every
// stream is checked again (its own name must resolve privately), then dialled at the ADDRESS the check approved,
// so nothing re-resolves between check and dial. Bytes are counted from the sockets themselves.
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Clock } from '../../ports';
import { unreachable, type ConnectorPort } from '../connector/connector-port';
import { checkPosture, type PostureDeps, type PostureVerdict } from '../posture/posture-check';
import type { RouteConnection } from '../route-types';

export interface VpnConnectionDeps extends PostureDeps {
  readonly connector: ConnectorPort;
  readonly clock: Clock;
  /** The private name probes resolve and dial (the workspace's privatelink name). */
  readonly canaryHost: string;
  readonly canaryPort: number;
  readonly target: string;
}

/** Dials the approved addresses in the resolver's order; the first that answers wins. */
export async function dialApproved(verdict: PostureVerdict, port: number, connector: ConnectorPort, signal?: AbortSignal): Promise<Socket> {
  let last: unknown;
  for (const { address } of verdict.addresses) {
    try {
      return await connector.connect(address, port, signal);
    } catch (error) {
      last = error;
    }
  }
  const reason = last instanceof AirlockError && typeof last.details?.['reason'] === 'string' ? last.details['reason'] : 'error';
  if (last instanceof AirlockError && last.code === 'E_TIMEOUT') throw last;
  const error = unreachable(verdict.host, port, reason, `${verdict.host}:${port} resolved privately but could not be reached over the VPN (${reason}).`);
  return Promise.reject(new AirlockError('E_UNREACHABLE', { message: error.message, details: { ...error.details, via: 'vpn' } }));
}

export function openVpnConnection(deps: VpnConnectionDeps): RouteConnection {
  const live = new Set<Socket>();
  let closedIn = 0;
  let closedOut = 0;
  let closed = false;
  const retire = (socket: Socket) => {
    if (!live.delete(socket)) return;
    closedIn += socket.bytesRead;
    closedOut += socket.bytesWritten;
  };
  const refuseWhenClosed = () => {
    if (closed) throw new AirlockError('E_ROUTE_DOWN', { message: 'The VPN route was disconnected, so Airlock did not open the connection.', details: { via: 'vpn' } });
  };
  return {
    target: deps.target,
    get bytes() {
      let bytesIn = closedIn;
      let bytesOut = closedOut;
      for (const socket of live) {
        bytesIn += socket.bytesRead;
        bytesOut += socket.bytesWritten;
      }
      return { in: bytesIn, out: bytesOut };
    },
    async openStream(host, port, signal, phases): Promise<Duplex> {
      refuseWhenClosed();
      const verdict = await checkPosture(host, deps, signal);
      phases?.resolved?.(); // the request's DNS phase: this lookup, done for every stream
      const socket = await dialApproved(verdict, port, deps.connector, signal);
      if (closed) {
        socket.destroy();
        refuseWhenClosed();
      }
      live.add(socket);
      socket.once('close', () => retire(socket));
      return socket;
    },
    async probe(signal) {
      refuseWhenClosed();
      const started = deps.clock.monotonicMs();
      const socket = await dialApproved(await checkPosture(deps.canaryHost, deps, signal), deps.canaryPort, deps.connector, signal);
      socket.destroy();
      return deps.clock.monotonicMs() - started;
    },
    async close() {
      closed = true;
      for (const socket of [...live]) {
        retire(socket);
        socket.destroy();
      }
    },
    // The VPN is the OS's: Airlock holds no session that could drop. The manager's probes notice a VPN that went
    // away (the canary stops resolving privately) and treat repeated failures as a drop.
    onDrop: () => undefined,
  };
}
