// The Azure Bastion route's driver, as `az network bastion ssh` builds it: find the Bastion host in ARM (never a
// URL from the environment file), open one tunnel to the jump VM's SSH port, and run ONE long-lived SSH
// connection over it that carries every stream (Bastion's per-connection setup costs ~0.7 s). Closing the route
// closes SSH, then the tunnel, and resolves once Bastion was told (DELETE). Never logs tokens or URLs.
import type { HttpsSend } from '../../ports';
import type { RouteConnection, RouteDriver } from '../route-types';
import { openSshRoute } from '../ssh/ssh-route';
import type { OpenSshRouteOptions } from '../ssh/ssh-route-options';
import { findBastionHost } from './bastion-host';
import { createBastionHttps } from './bastion-https';
import type { ArmTokenSource, BastionEnvironment, BastionTarget, TcpConnector } from './bastion-ports';
import { createBastionTunnels, type BastionTunnel } from './bastion-tunnels';

type SshOptions = Pick<OpenSshRouteOptions, 'username' | 'auth' | 'hostKey' | 'passphrase' | 'onHostKeyEvent' | 'logger' | 'clock' | 'readyTimeoutMs' | 'keepaliveIntervalMs'>;

export interface BastionDriverDeps extends SshOptions {
  /** The account's ARM tokens: the ARM scope for the lookup, the legacy scope for Bastion's aztoken. */
  readonly armToken: ArmTokenSource;
  /** The control-plane HTTPS port (ARM). */
  readonly armSend: HttpsSend;
  /** Reaches `dnsName:443` (the sandbox adapter maps it to the emulator's loopback port). */
  readonly connector: TcpConnector;
  /** The environment's extra CA (PEM), read once by the caller. */
  readonly caPem?: string | undefined;
  /** The SSH client (engineer D's openSshRoute); replaceable in tests. */
  readonly openSsh?: (options: OpenSshRouteOptions) => Promise<RouteConnection>;
}

export interface BastionDriver extends RouteDriver {
  readonly via: 'bastion';
  /** Ends every tunnel this driver opened (quit, sign-out), each DELETEd. */
  closeAll(): Promise<void>;
  /** Tunnels open now (one per connected route). */
  readonly openCount: number;
}

/** `vm-jumpbox` from `/subscriptions/…/virtualMachines/vm-jumpbox`: how people and the known-hosts store name it. */
export function vmNameOf(vmResourceId: string): string {
  return vmResourceId.split('/').filter(Boolean).at(-1) ?? vmResourceId;
}

export function createBastionDriver(environment: BastionEnvironment, target: BastionTarget, deps: BastionDriverDeps): BastionDriver {
  const tunnels = createBastionTunnels({
    connector: deps.connector,
    caPem: deps.caPem,
    https: createBastionHttps({ connector: deps.connector, caPem: deps.caPem }),
    armToken: deps.armToken,
    legacyScope: environment.armLegacyScope,
    logger: deps.logger,
  });
  const openSsh = deps.openSsh ?? openSshRoute;
  const vmName = vmNameOf(target.vmResourceId);

  return {
    via: 'bastion',
    closeAll: () => tunnels.closeAll(),
    get openCount() {
      return tunnels.openCount;
    },
    async connect(signal) {
      const host = await findBastionHost({ environment, armToken: deps.armToken, send: deps.armSend }, target.bastionResourceId);
      deps.logger.log('info', 'route.bastion.host', { bastion: host.dnsName, sku: host.sku });
      let tunnel: BastionTunnel | undefined;
      let ssh: RouteConnection;
      try {
        ssh = await openSsh({
          via: 'bastion',
          socket: async (dialSignal) => {
            tunnel = await tunnels.open({ dnsName: host.dnsName, vmResourceId: target.vmResourceId, vmPort: target.vmPort }, dialSignal);
            return tunnel.stream;
          },
          host: vmName,
          port: target.vmPort,
          target: `${host.dnsName} → ${vmName}`,
          username: deps.username,
          auth: deps.auth,
          // The environment's pinned VM key wins over remembered/first-use trust, exactly as for the jump host.
          hostKey: { ...deps.hostKey, ...(target.vmHostKeySha256 ? { pinned: target.vmHostKeySha256 } : {}) },
          ...(deps.passphrase ? { passphrase: deps.passphrase } : {}),
          ...(deps.onHostKeyEvent ? { onHostKeyEvent: deps.onHostKeyEvent } : {}),
          logger: deps.logger,
          clock: deps.clock,
          signal,
          ...(deps.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: deps.readyTimeoutMs }),
          ...(deps.keepaliveIntervalMs === undefined ? {} : { keepaliveIntervalMs: deps.keepaliveIntervalMs }),
        });
      } catch (thrown) {
        await tunnel?.close();
        throw thrown;
      }
      return overTunnel(ssh, () => tunnel?.close() ?? Promise.resolve());
    },
  };
}

/** The SSH connection, whose close() also ends the tunnel and waits for Bastion's DELETE. */
function overTunnel(ssh: RouteConnection, closeTunnel: () => Promise<void>): RouteConnection {
  return {
    openStream: (host, port, signal) => ssh.openStream(host, port, signal),
    probe: (signal) => ssh.probe(signal),
    onDrop: (listener) => ssh.onDrop(listener),
    get bytes() {
      return ssh.bytes;
    },
    target: ssh.target,
    async close() {
      await ssh.close();
      await closeTunnel();
    },
  };
}
