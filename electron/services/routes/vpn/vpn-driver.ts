// The VPN (or direct) route's driver: "connect" proves the private network answers — the environment's canary
// name resolves only to private addresses and a TCP connection to it opens — before any request may use it.
// It never falls back to a public answer, and for a sandbox environment it never dials anything but loopback.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Environment } from '../../environments';
import type { Clock, Scheduler } from '../../ports';
import { connectorForEnvironment } from '../connector/connector-for-environment';
import type { ConnectorPort } from '../connector/connector-port';
import { checkPosture } from '../posture/posture-check';
import { privateRanges } from '../posture/private-ranges';
import { resolverForEnvironment } from '../resolver/resolver-for-environment';
import type { ResolverPort } from '../resolver/resolver-port';
import type { RouteDriver } from '../route-types';
import { dialApproved, openVpnConnection } from './vpn-connection';

export interface VpnDriverDeps {
  readonly resolver: ResolverPort;
  readonly connector: ConnectorPort;
  readonly clock: Clock;
  /** For people: which resolver answers (`OS resolver`, `sandbox DNS 127.0.0.1:53001`). */
  readonly resolverLabel: string;
  /** The port the canary is dialled on (the workspace's HTTPS port). */
  readonly canaryPort?: number;
  /** A canary instead of the environment's (a built-in cloud names none: the workspace in use is the natural one). */
  readonly canaryHost?: string;
}

export function createVpnDriver(env: Pick<Environment, 'id' | 'network'>, deps: VpnDriverDeps): RouteDriver {
  const ranges = privateRanges(env.network.privateRanges);
  const canaryPort = deps.canaryPort ?? 443;
  return {
    via: 'vpn',
    async connect(signal) {
      const canaryHost = deps.canaryHost ?? env.network.canaryHost;
      if (!canaryHost) {
        throw new AirlockError('E_CONFIG_INVALID', {
          message: 'This environment names no private host to check the VPN with (network.canaryHost), so Airlock cannot tell whether private DNS answers.',
          details: { environmentId: env.id.slice(0, 64), field: 'network.canaryHost' },
        });
      }
      const posture = { resolver: deps.resolver, ranges };
      const verdict = await checkPosture(canaryHost, posture, signal);
      (await dialApproved(verdict, canaryPort, deps.connector, signal)).destroy();
      return openVpnConnection({ ...posture, connector: deps.connector, clock: deps.clock, canaryHost, canaryPort, target: `VPN (${deps.resolverLabel})` });
    },
  };
}

/** The driver with the environment's own resolver and connector (the sandbox's for a sandbox), built at connect. */
export function vpnDriverForEnvironment(
  env: Pick<Environment, 'id' | 'kind' | 'network'>,
  deps: { readonly clock: Clock; readonly scheduler: Scheduler; readonly canaryHost?: string },
): RouteDriver {
  return {
    via: 'vpn',
    async connect(signal) {
      const { resolver, label } = resolverForEnvironment(env, deps.scheduler);
      const connector = connectorForEnvironment(env, deps.scheduler);
      return createVpnDriver(env, { resolver, connector, clock: deps.clock, resolverLabel: label, ...(deps.canaryHost ? { canaryHost: deps.canaryHost } : {}) }).connect(signal);
    },
  };
}
