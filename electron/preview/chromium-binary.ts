// Finds the Chromium the Chromium host drives: $AIRLOCK_CHROMIUM when set (and then only that: a wrong path
// is an error, never a silent fall-back to another browser), else Debian's /usr/bin/chromium and its usual
// siblings, else a browser Playwright already has on disk. Never downloads one.
import { accessSync, constants, statSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { AirlockError } from '../../shared/errors/airlock-error';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const INSTALL_HINT = 'Install Debian\'s "chromium" package (sudo apt-get install chromium) or set AIRLOCK_CHROMIUM to a Chromium or Chrome binary.';

function isRunnableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function playwrightsOwn(): string | null {
  try {
    const own = chromium.executablePath();
    return isRunnableFile(own) ? own : null;
  } catch {
    return null; // playwright-core throws when it has no browser registry entry for this platform
  }
}

/** The Chromium binary to launch; throws a typed error saying what to install or fix. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env['AIRLOCK_CHROMIUM'];
  if (chosen !== undefined && chosen !== '') {
    if (isRunnableFile(chosen)) return chosen;
    throw new AirlockError('E_CONFIG_INVALID', {
      message: `AIRLOCK_CHROMIUM is set to "${chosen.slice(0, 200)}", which is not a program this computer can run.`,
      hint: 'Point AIRLOCK_CHROMIUM at a Chromium or Chrome binary, or unset it to use Debian\'s chromium.',
    });
  }
  const found = CHROMIUM_CANDIDATES.find(isRunnableFile) ?? playwrightsOwn();
  if (found) return found;
  throw new AirlockError('E_UNAVAILABLE', { message: 'No Chromium was found on this computer.', hint: INSTALL_HINT, retryable: false });
}

/**
 * Whether Chromium runs with its sandbox here: always, except as root, where Chromium refuses to start with it
 * (it wants an unprivileged user). The caller says so when it is off; nothing else turns it off.
 */
export function chromiumSandboxAvailable(): boolean {
  return process.getuid?.() !== 0;
}

/** Flags that keep Chromium off the network it does not need and quiet on a fresh profile. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];
