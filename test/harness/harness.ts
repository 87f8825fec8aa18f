// The Chromium harness: Airlock's built renderer in real Chromium, with window.airlock bound to the real
// services through Playwright's exposeBinding — the same gateway the Electron IPC binding uses. The UI is
// served by page routing through the same bundle-file function as app:// (CSP header included); every other
// request is aborted. Opens no network port. A development and test tool only; never shipped.
import { build } from 'esbuild';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { readBundleFile } from '../../electron/main/bundle-files';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createAirlock, createGateway, createMemoryKeychain, loadEnvironmentFile, silentLogger, systemClock, type Airlock, type BrowserOpener, type Environment, type Gateway, type Keychain, type Logger, type TrustedOrigin } from '../../electron/services';
import { RENDERER_DIST, ROOT } from '../../scripts/build';
import { CHROMIUM_ARGS, findChromium } from './chromium';

export const HARNESS_ORIGIN: TrustedOrigin = { protocol: 'https:', host: 'app.airlock.test' };
export const HARNESS_URL = `https://${HARNESS_ORIGIN.host}/index.html`;

export interface HarnessOptions {
  readonly headless?: boolean;
  readonly airlock?: Airlock;
  /** An environment.json (e.g. the sandbox's) to offer as the default environment. */
  readonly environmentFile?: string;
  /** Stands in for the system browser during sign-in (a scripted browser in tests); refuses by default. */
  readonly openBrowser?: BrowserOpener;
  /** The keychain (default: in memory) and token-cache folder (default: a fresh temp folder). */
  readonly keychain?: Keychain;
  readonly userDataDir?: string;
  readonly logger?: Logger;
  readonly colorScheme?: 'light' | 'dark';
  readonly forcedColors?: 'active' | 'none';
  readonly viewport?: { width: number; height: number };
}

export interface Harness {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly airlock: Airlock;
  readonly gateway: Gateway;
  /** Console errors Chromium reported about the Content Security Policy since launch. */
  readonly cspViolations: string[];
  /** Every IPC result handed to the page, for leak scans. */
  readonly ipcLog: Array<{ channel: unknown; result: unknown }>;
  close(): Promise<void>;
}

let bridgeScript: Promise<string> | null = null;

/** The init script, bundled from bridge-init.ts exactly as the preload is bundled. */
export function bundledBridge(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [path.join(ROOT, 'test/harness/bridge-init.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome140',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bridgeScript;
}

export function harnessAirlock(
  logger: Logger = silentLogger,
  extraEnvironments: readonly Environment[] = [],
  identity: { openBrowser?: BrowserOpener; keychain?: Keychain; userDataDir?: string } = {},
): Airlock {
  return createAirlock(
    {
      runtime: { version: process.env['npm_package_version'] ?? '0.1.0', build: 'development', runtime: 'harness', platform: process.platform, arch: process.arch },
      extraEnvironments,
    },
    {
      clock: systemClock,
      logger,
      identity: {
        openBrowser: identity.openBrowser ?? (async () => Promise.reject(new Error('no browser in this harness'))),
        keychain: identity.keychain ?? createMemoryKeychain(),
        userDataDir: identity.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'airlock-harness-')),
      },
    },
  );
}

export async function launchHarness(options: HarnessOptions = {}): Promise<Harness> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: install Debian\'s "chromium" package (apt-get install chromium) or set AIRLOCK_CHROMIUM to a Chromium or Chrome binary.');
  const logger = options.logger ?? silentLogger;
  const extra = options.environmentFile ? [await loadEnvironmentFile(options.environmentFile)] : [];
  const airlock =
    options.airlock ??
    harnessAirlock(logger, extra, {
      ...(options.openBrowser ? { openBrowser: options.openBrowser } : {}),
      ...(options.keychain ? { keychain: options.keychain } : {}),
      ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    });
  const gateway = createGateway({ handlers: airlock.handlers, trustedOrigin: HARNESS_ORIGIN, logger });

  const browser = await chromium.launch({ executablePath, headless: options.headless ?? true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    forcedColors: options.forcedColors ?? 'none',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol !== HARNESS_ORIGIN.protocol || url.host !== HARNESS_ORIGIN.host) return route.abort('blockedbyclient');
    const file = await readBundleFile(RENDERER_DIST, url.pathname);
    return route.fulfill({ status: file.status, headers: { ...file.headers }, body: file.body ?? '' });
  });

  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const ipcLog: Harness['ipcLog'] = [];
  await page.exposeBinding('__airlockIpc', async (source, channel: unknown, payload: unknown) => {
    const result = await gateway.call(channel, payload, { url: source.frame.url(), isMainFrame: source.frame === page.mainFrame() });
    ipcLog.push({ channel, result });
    return result;
  });
  await page.addInitScript({ content: await bundledBridge() });
  await page.goto(HARNESS_URL);

  return {
    browser,
    context,
    page,
    airlock,
    gateway,
    cspViolations,
    ipcLog,
    async close() {
      await browser.close();
      await airlock.dispose();
    },
  };
}
