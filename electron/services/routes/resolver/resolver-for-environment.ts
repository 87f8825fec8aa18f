// Which resolver an environment's posture check asks: the sandbox's own DNS server for a sandbox environment
// (a sandbox without one cannot check posture at all, rather than asking the machine's DNS about names it plays),
// the OS resolver for any other.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Environment } from '../../environments';
import type { Scheduler } from '../../ports';
import { createOsResolver } from './os-resolver';
import type { ResolverPort } from './resolver-port';
import { createSandboxResolver } from './sandbox-resolver';

export interface EnvironmentResolver {
  readonly resolver: ResolverPort;
  /** For people: which resolver answers (RouteStatus.target). */
  readonly label: string;
}

export function resolverForEnvironment(env: Pick<Environment, 'id' | 'kind' | 'network'>, scheduler: Scheduler): EnvironmentResolver {
  if (env.kind !== 'sandbox') return { resolver: createOsResolver({ scheduler }), label: 'OS resolver' };
  const { dnsServer } = env.network;
  if (!dnsServer) {
    throw new AirlockError('E_CONFIG_INVALID', {
      message: 'The sandbox’s environment file names no DNS server (network.dnsServer), so Airlock cannot check that its names resolve privately.',
      details: { environmentId: env.id.slice(0, 64), field: 'network.dnsServer' },
    });
  }
  return { resolver: createSandboxResolver({ dnsServer, scheduler }), label: `sandbox DNS ${dnsServer.host}:${dnsServer.port}` };
}
