// Test conveniences over the Chromium host (electron/preview, product code): the renderer from dist/, a log
// of every IPC result for leak scans, and an Airlock composed with test ports. Tests only; nothing here ships.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeHostAirlock, launchChromiumHost, type ChromiumHost, type ChromiumHostOptions } from '../../electron/preview';
import { silentLogger, type Airlock, type BrowserOpener, type Environment, type HandlerReplacements, type Keychain, type Logger } from '../../electron/services';
import { RENDERER_DIST } from '../../scripts/build';
import type { EventMessage } from '../../shared/contract/event-names';

export type HarnessOptions = Omit<ChromiumHostOptions, 'rendererDir' | 'onIpcResult' | 'onEvent'>;

export interface Harness extends ChromiumHost {
  /** Every IPC result handed to the page, for leak scans. */
  readonly ipcLog: Array<{ channel: unknown; result: unknown }>;
  /** Every event pushed to the page (main → renderer), for leak scans and to see events arrive. */
  readonly eventLog: EventMessage[];
}

export async function launchHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ipcLog: Harness['ipcLog'] = [];
  const eventLog: EventMessage[] = [];
  const host = await launchChromiumHost({
    rendererDir: RENDERER_DIST,
    ...options,
    onIpcResult: (channel, result) => ipcLog.push({ channel, result }),
    onEvent: (message) => eventLog.push(message),
  });
  return { ...host, ipcLog, eventLog };
}

/**
 * The host's composition with test ports; its sign-in browser refuses unless a test gives one. `replacements`
 * stub handlers behind the same guard.
 */
export function harnessAirlock(
  logger: Logger = silentLogger,
  extraEnvironments: readonly Environment[] = [],
  identity: { openBrowser?: BrowserOpener; keychain?: Keychain; userDataDir?: string } = {},
  replacements?: HandlerReplacements,
): Airlock {
  return composeHostAirlock({
    logger,
    extraEnvironments,
    openBrowser: identity.openBrowser ?? (async () => Promise.reject(new Error('no browser in this test'))),
    userDataDir: identity.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'airlock-harness-')),
    ...(identity.keychain ? { keychain: identity.keychain } : {}),
    ...(replacements ? { replacements } : {}),
    // The bundled default policy, never this machine's own /etc/airlock.
    guard: { policySource: null },
  });
}
