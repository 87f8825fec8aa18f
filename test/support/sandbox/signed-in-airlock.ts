// The real composition root signed in to a running whole sandbox as one of its demo users (the browser sign-in,
// answered by the scripted browser), with the VPN route up: what the whole-sandbox invoke tests start from.
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock, type GuardPorts, type Keychain } from '../../../electron/services';
import type { Logger } from '../../../electron/services/ports';
import type { RunningSandbox } from '../../../sandbox/start-sandbox';
import { fixedClock, through } from '../test-airlock';
import { createScriptedBrowser } from './scripted-browser';

export interface SignedInAirlockOptions {
  readonly userDataDir: string;
  readonly logger: Logger;
  /** Default: a fresh memory keychain. */
  readonly keychain?: Keychain;
  readonly runtime?: 'node' | 'cli';
  /** Default: bob@contoso.test. */
  readonly username?: string;
  /** The time the user's authenticator reads (default the sandbox's): later, for a second MFA the IdP would take for a replay. */
  readonly authenticatorNow?: () => Date;
  readonly guard?: GuardPorts;
}

export async function signedInAirlock(sandbox: RunningSandbox, options: SignedInAirlockOptions): Promise<Airlock> {
  const { seed, ca, now } = sandbox.context;
  const username = options.username ?? 'bob@contoso.test';
  const user = seed.users.find((u) => u.username === username);
  if (!user) throw new Error(`the seed has no user ${username}`);
  const browser = createScriptedBrowser({ caPem: ca.certPem, user, now: options.authenticatorNow ?? now });
  const airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: options.runtime ?? 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [await loadEnvironmentFile(sandbox.environmentPath)] },
    {
      clock: fixedClock(),
      logger: options.logger,
      identity: { openBrowser: browser.openBrowser, keychain: options.keychain ?? createMemoryKeychain(), userDataDir: options.userDataDir },
      ...(options.guard ? { guard: options.guard } : {}),
    },
  );
  await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
  await through(airlock).route.connect({ via: 'vpn' });
  return airlock;
}
