// Bastion tunnels as objects with a lifecycle: open = ARM token for the legacy scope → token exchange →
// WebSocket → Duplex; the session is DELETEd once, when the stream ends for any reason or on close(), and
// closeAll() ends every open one (quit, sign-out). One tunnel carries one long-lived SSH connection (Bastion's
// per-connection setup costs ~0.7 s). Logs name events and the Bastion host only: never tokens, forms or URLs.
import type { Duplex } from 'node:stream';
import type { Logger } from '../../ports';
import type { BastionHttpsSend } from './bastion-https';
import type { ArmTokenSource } from './bastion-ports';
import type { BastionTlsDeps } from './bastion-tls';
import { deleteTunnelTokens, requestTunnelTokens, type TunnelTokens } from './bastion-tokens';
import { openTunnelWebSocket } from './tunnel-websocket';
import type { TunnelDuplex } from './tunnel-stream';

export interface BastionTunnel {
  /** Raw TCP bytes to the VM's port, both ways. Ends when Bastion closes; fails E_ROUTE_DROPPED on a drop. */
  readonly stream: Duplex;
  /** Ends the stream and the Bastion session (DELETE); idempotent; resolves once Bastion was told. */
  close(): Promise<void>;
}

export interface BastionTunnelsDeps extends BastionTlsDeps {
  readonly https: BastionHttpsSend;
  readonly armToken: ArmTokenSource;
  /** The environment's legacy ARM scope: what Bastion's `aztoken` is minted for (as the CLI does). */
  readonly legacyScope: string;
  readonly logger: Logger;
}

export interface TunnelTarget {
  readonly dnsName: string;
  readonly vmResourceId: string;
  readonly vmPort: number;
}

export interface BastionTunnels {
  open(target: TunnelTarget, signal?: AbortSignal): Promise<BastionTunnel>;
  /** Closes every tunnel still open (each DELETEd); for quit and sign-out. */
  closeAll(): Promise<void>;
  /** How many tunnels are open (for tests and the status). */
  readonly openCount: number;
}

export function createBastionTunnels(deps: BastionTunnelsDeps): BastionTunnels {
  const open = new Set<BastionTunnel>();

  async function endSession(dnsName: string, tokens: TunnelTokens): Promise<void> {
    try {
      const outcome = await deleteTunnelTokens(deps.https, dnsName, tokens);
      deps.logger.log('info', 'bastion.session.ended', { bastion: dnsName, outcome });
    } catch (thrown) {
      // The session expires on Bastion's side anyway; closing must still finish.
      const code = (thrown as { code?: unknown } | null)?.code;
      deps.logger.log('warn', 'bastion.session.end_failed', { bastion: dnsName, code: typeof code === 'string' ? code : 'error' });
    }
  }

  return {
    get openCount() {
      return open.size;
    },
    async open(target, signal) {
      const aztoken = await deps.armToken(deps.legacyScope);
      const tokens = await requestTunnelTokens(deps.https, { ...target, aztoken, ...(signal ? { signal } : {}) });
      let stream: TunnelDuplex;
      try {
        stream = await openTunnelWebSocket(deps, target.dnsName, tokens, signal);
      } catch (thrown) {
        await endSession(target.dnsName, tokens);
        throw thrown;
      }
      let ended: Promise<void> | undefined;
      const end = () => (ended ??= endSession(target.dnsName, tokens));
      const tunnel: BastionTunnel = {
        stream,
        async close() {
          open.delete(tunnel);
          if (!stream.destroyed) stream.destroy();
          await end();
        },
      };
      open.add(tunnel);
      stream.once('close', () => {
        open.delete(tunnel);
        void end();
      });
      deps.logger.log('info', 'bastion.tunnel.opened', { bastion: target.dnsName, port: target.vmPort });
      return tunnel;
    },
    async closeAll() {
      await Promise.all([...open].map((tunnel) => tunnel.close()));
    },
  };
}
