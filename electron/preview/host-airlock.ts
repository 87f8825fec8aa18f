// The Chromium host's composition: the one composition root (createAirlock) with this host's ports — the
// stand-in browser windows for sign-in and links, an in-memory keychain (preview never touches the OS
// keychain the installed app uses) and a token-cache folder of its own. Runtime facts say "harness".
import type { Airlock, BrowserOpener, Environment, GuardPorts, HandlerReplacements, Keychain, LinkOpener, Logger } from '../services';
import { createAirlock, createMemoryKeychain, systemClock } from '../services';

export interface HostAirlockOptions {
  readonly logger: Logger;
  readonly extraEnvironments: readonly Environment[];
  /** The system browser for sign-in (the stand-in window, or a scripted browser in tests). */
  readonly openBrowser: BrowserOpener;
  /** Where allowed links open (app.openLink); none refuses with E_UNAVAILABLE. */
  readonly openLink?: LinkOpener;
  readonly keychain?: Keychain;
  /** The encrypted token cache's folder. */
  readonly userDataDir: string;
  /** UI tests stub some handlers here; they still run behind the guard. `npm run preview` passes none. */
  readonly replacements?: HandlerReplacements;
  /** The guard's parts; by default this machine's policy and an audit trail in the user-data folder. */
  readonly guard?: GuardPorts;
}

export function composeHostAirlock(options: HostAirlockOptions): Airlock {
  return createAirlock(
    {
      runtime: { version: process.env['npm_package_version'] ?? '0.1.0', build: 'development', runtime: 'harness', platform: process.platform, arch: process.arch },
      extraEnvironments: options.extraEnvironments,
    },
    {
      clock: systemClock,
      logger: options.logger,
      identity: { openBrowser: options.openBrowser, keychain: options.keychain ?? createMemoryKeychain(), userDataDir: options.userDataDir },
      ...(options.openLink ? { openLink: options.openLink } : {}),
      ...(options.guard ? { guard: options.guard } : {}),
    },
    options.replacements,
  );
}
