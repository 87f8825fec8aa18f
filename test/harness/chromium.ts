// Finds a Chromium to drive: $AIRLOCK_CHROMIUM, then Debian's /usr/bin/chromium (and its usual siblings),
// then a browser Playwright already has on disk. Never downloads one.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | null {
  const fromEnv = process.env['AIRLOCK_CHROMIUM'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  const system = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (system) return system;
  let playwrights: string | null = null;
  try {
    playwrights = chromium.executablePath();
  } catch {
    // playwright-core throws when it has no browser registry entry for this platform
  }
  return playwrights && existsSync(playwrights) ? playwrights : null;
}

/** Flags that keep Chromium off the network it does not have and quiet on a fresh profile. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];
