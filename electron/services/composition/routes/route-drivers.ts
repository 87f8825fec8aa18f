// The drivers of one environment's routes, built at each connect for the account that connects: VPN/direct
// (the environment's resolver and connector: the sandbox's loopback ones for a sandbox), the SSH jump host and
// Azure Bastion (SSH sign-in from ssh-identity.ts, the known-hosts store, the pending first-use trust, passphrase
// prompts, ARM tokens from the auth service). A route the environment does not offer has no driver.
import { readFile } from 'node:fs/promises';
import type { AuthService } from '../../auth';
import type { Environment } from '../../environments';
import { createNodeHttpsPort, type Clock, type HttpsPort, type Logger, type Scheduler } from '../../ports';
import { connectorForEnvironment, createBastionDriver, createJumpDriver, vpnDriverForEnvironment, type HostKeyEvent, type KnownHosts, type PassphrasePrompt, type RouteDriver, type RouteVia } from '../../routes';
import type { HostKeyTrust } from './host-key-trust';
import { sshIdentityFor } from './ssh-identity';

export interface RouteDriverDeps {
  readonly auth: AuthService;
  /** The known-hosts file; each environment's drivers see only that environment's entries. */
  readonly store: KnownHosts;
  readonly trust: HostKeyTrust;
  readonly passphrase: PassphrasePrompt;
  readonly allowFirstUse: () => boolean;
  readonly onHostKeyEvent: (environmentId: string, accountId: string, event: HostKeyEvent) => void;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** The control plane's HTTP port (the Bastion host lookup on ARM); node:https by default. */
  readonly https?: HttpsPort;
}

const defaultHttps = createNodeHttpsPort();

/** Why the environment offers no such route, in words; null when it does. */
export function missingRoute(environment: Environment, via: RouteVia): string | null {
  if (via === 'vpn') return environment.network.canaryHost ? null : 'This environment names no private host to check the VPN with.';
  if (via === 'jump') return environment.network.jumpHost ? null : 'This environment has no SSH jump host.';
  return environment.network.bastion ? null : 'This environment has no Azure Bastion.';
}

export function driverFor(environment: Environment, via: RouteVia, account: { accountId: string; username: string }, deps: RouteDriverDeps): RouteDriver | null {
  if (missingRoute(environment, via) !== null) return null;
  if (via === 'vpn') return vpnDriverForEnvironment(environment, { clock: deps.clock, scheduler: deps.scheduler });
  const connector = connectorForEnvironment(environment, deps.scheduler);
  const allowFirstUse = deps.allowFirstUse();
  // A key left pending from before the policy forbade first use would turn the refusal back into a question the
  // user could answer (compose-routes rewrites E_HOST_KEY_UNKNOWN from it): drop it.
  if (!allowFirstUse) deps.trust.forget(environment.id, via);
  const hostKey = { allowFirstUse, store: deps.store.forEnvironment(environment.id), confirm: deps.trust.confirmFor(environment.id, via) };
  const onHostKeyEvent = (event: HostKeyEvent) => deps.onHostKeyEvent(environment.id, account.accountId, event);
  const common = { hostKey, passphrase: deps.passphrase, onHostKeyEvent, logger: deps.logger, clock: deps.clock };
  if (via === 'jump') {
    const jumpHost = environment.network.jumpHost!;
    return {
      via: 'jump',
      connect: async (signal) => {
        const { login, auth } = sshIdentityFor(environment, account.username);
        return createJumpDriver(jumpHost, { ...common, username: login, auth, connector: { connect: (host, port) => connector.connect(host, port) } }).connect(signal);
      },
    };
  }
  const bastion = environment.network.bastion!;
  const armToken = async (scope: string) => (await deps.auth.accessToken(account.accountId, scope === environment.armLegacyScope ? 'armLegacy' : 'arm')).token;
  return {
    via: 'bastion',
    connect: async (signal) => {
      const { login, auth } = sshIdentityFor(environment, account.username);
      const caPem = environment.caCertPath ? await readFile(environment.caCertPath, 'utf8') : undefined;
      // Closing the route closes SSH, then the tunnel, and DELETEs Bastion's session.
      return createBastionDriver(environment, bastion, { ...common, username: login, auth, armToken, armSend: (deps.https ?? defaultHttps).forEnvironment(environment), connector, caPem }).connect(signal);
    },
  };
}
