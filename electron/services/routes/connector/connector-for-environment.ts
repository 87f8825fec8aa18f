// Which connector an environment gets: the sandbox's loopback-only one for a sandbox environment (even when its
// file names no service ports: then only loopback destinations can be dialled), the OS one for any other.
// The jump host and Bastion routes dial through this too, so a sandbox never reaches past this machine.
import type { Environment } from '../../environments';
import type { Scheduler } from '../../ports';
import type { ConnectorPort } from './connector-port';
import { createOsConnector } from './os-connector';
import { createSandboxConnector } from './sandbox-connector';

export function connectorForEnvironment(env: Pick<Environment, 'kind' | 'network'>, scheduler: Scheduler): ConnectorPort {
  return env.kind === 'sandbox' ? createSandboxConnector({ servicePorts: env.network.servicePorts ?? {}, scheduler }) : createOsConnector({ scheduler });
}
