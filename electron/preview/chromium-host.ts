// The Chromium host: Airlock's built renderer in real Chromium, with window.airlock bound to the services
// through Playwright's exposeBinding — the same gateway the Electron IPC binding uses. The UI is served by
// page routing through the same bundle-file function as app:// (CSP header included); every other request
// of the app window is aborted. Sign-in pages and links open in the stand-in browser's windows. Opens no
// network port. Must never relax the browser: no ignored certificate errors, no disabled web security, and
// Chromium's sandbox on (Playwright turns it off unless asked) — except as root, where Chromium refuses it;
// `sandboxed` then says so for the command to tell the user.
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { AirlockError } from '../../shared/errors/airlock-error';
import { loadEnvironmentFile, readBundleFile, silentLogger, type Airlock, type BrowserOpener, type Gateway, type Keychain, type Logger, type TrustedOrigin } from '../services';
import { bundledBridge } from './bridge-script';
import { prepareBrowserTrust, type BrowserTrust } from './browser-trust';
import { CHROMIUM_ARGS, chromiumSandboxAvailable, findChromium } from './chromium-binary';
import type { EventMessage } from '../../shared/contract/event-names';
import { deliverEvents } from './event-delivery';
import { composeHostAirlock } from './host-airlock';
import { createStandInBrowser, type StandInBrowser } from './stand-in-browser';
import { makeTempFolder, removeTempFolder, removeTempFoldersLastAtExit } from './temp-folders';

/** The reserved name the UI is served under (never resolved: page routing answers it). */
export const HOST_ORIGIN: TrustedOrigin = { protocol: 'https:', host: 'app.airlock.test' };
export const HOST_URL = `https://${HOST_ORIGIN.host}/index.html`;

export interface ChromiumHostOptions {
  /** The built renderer (dist/renderer). */
  readonly rendererDir: string;
  readonly headless?: boolean;
  /** An environment.json (e.g. the sandbox's) to offer as the default environment. */
  readonly environmentFile?: string;
  /** A composed Airlock to bind instead of the host's own (tests); it keeps its own ports, and close() disposes it. */
  readonly airlock?: Airlock;
  /** Replaces the stand-in window as the sign-in browser (a scripted browser in tests). */
  readonly openBrowser?: BrowserOpener;
  /** The keychain (default: in memory) and token-cache folder (default: a temp folder removed on close). */
  readonly keychain?: Keychain;
  readonly userDataDir?: string;
  readonly logger?: Logger;
  readonly colorScheme?: 'light' | 'dark';
  readonly forcedColors?: 'active' | 'none';
  readonly viewport?: { width: number; height: number };
  /** Sees every IPC result handed to the page (leak scans). */
  readonly onIpcResult?: (channel: unknown, result: unknown) => void;
  /** Sees every event pushed to the page (leak scans). */
  readonly onEvent?: (message: EventMessage) => void;
}

export interface ChromiumHost {
  readonly browser: Browser;
  /** The app window's context and page. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** The stand-in system browser: sign-in and link windows. */
  readonly standIn: StandInBrowser;
  readonly airlock: Airlock;
  readonly gateway: Gateway;
  /** Console errors Chromium reported about the Content Security Policy since launch. */
  readonly cspViolations: string[];
  /** Whether Chromium runs with its sandbox (false only as root, where Chromium refuses it). */
  readonly sandboxed: boolean;
  close(): Promise<void>;
}

async function launchBrowser(executablePath: string, headless: boolean, trust: BrowserTrust, sandboxed: boolean): Promise<Browser> {
  try {
    // Signals are the command's: preview stops what it started on Ctrl-C. Playwright's own handlers would close
    // the browser and exit the process under it, skipping that.
    const browser = await chromium.launch({
      executablePath,
      headless,
      chromiumSandbox: sandboxed,
      args: CHROMIUM_ARGS,
      env: { ...process.env, ...trust.env },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    removeTempFoldersLastAtExit();
    return browser;
  } catch (thrown) {
    if (sandboxed && /No usable sandbox/i.test(thrown instanceof Error ? thrown.message : '')) {
      throw new AirlockError('E_UNAVAILABLE', {
        message: `Chromium (${executablePath.slice(0, 200)}) could not start its sandbox, and preview does not run it without one.`,
        hint: 'Allow unprivileged user namespaces on this machine (in a container: a seccomp profile that permits them), then start preview again.',
        retryable: false,
      });
    }
    throw new AirlockError('E_UNAVAILABLE', {
      message: `Chromium (${executablePath.slice(0, 200)}) could not be started.`,
      hint: 'Check that it is a working Chromium or Chrome (try running it with --version), or set AIRLOCK_CHROMIUM to one that is.',
      retryable: false,
    });
  }
}

async function openAppWindow(browser: Browser, options: ChromiumHostOptions, gateway: Gateway, standIn: StandInBrowser, cspViolations: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    forcedColors: options.forcedColors ?? 'none',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    serviceWorkers: 'block',
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol !== HOST_ORIGIN.protocol || url.host !== HOST_ORIGIN.host) return route.abort('blockedbyclient');
    const file = await readBundleFile(options.rendererDir, url.pathname);
    return route.fulfill({ status: file.status, headers: { ...file.headers }, body: file.body ?? '' });
  });
  const page = await context.newPage();
  // Its requests are answered by the routing above; the network gate lets nothing of it out past that.
  await standIn.confine(page);
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.exposeBinding('__airlockIpc', async (source, channel: unknown, payload: unknown) => {
    const result = await gateway.call(channel, payload, { url: source.frame.url(), isMainFrame: source.frame === page.mainFrame() });
    options.onIpcResult?.(channel, result);
    return result;
  });
  await page.addInitScript({ content: await bundledBridge() });
  await page.goto(HOST_URL);
  return { context, page };
}

export async function launchChromiumHost(options: ChromiumHostOptions): Promise<ChromiumHost> {
  const executablePath = findChromium();
  const logger = options.logger ?? silentLogger;
  const extra = options.environmentFile ? [await loadEnvironmentFile(options.environmentFile)] : [];
  const cleanups: Array<() => Promise<unknown>> = [];
  /** Undoes what launch did, last step first; safe to call twice. */
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const trust = await prepareBrowserTrust(extra.flatMap((e) => (e.caCertPath ? [e.caCertPath] : [])));
    cleanups.push(() => trust.dispose());
    const sandboxed = chromiumSandboxAvailable();
    const browser = await launchBrowser(executablePath, options.headless ?? true, trust, sandboxed);
    cleanups.push(() => browser.close());
    let appPage: Page | null = null;
    const standIn = await createStandInBrowser(browser, { unavailable: trust.unavailable, logger, onSignInAnswered: () => void appPage?.bringToFront() });
    let airlock = options.airlock;
    if (airlock) {
      const given = airlock;
      cleanups.push(() => given.dispose());
    } else {
      const userDataDir = options.userDataDir ?? (await makeTempFolder('airlock-preview-'));
      if (!options.userDataDir) cleanups.push(() => removeTempFolder(userDataDir));
      airlock = composeHostAirlock({
        logger,
        extraEnvironments: extra,
        openBrowser: options.openBrowser ?? standIn.openSignIn,
        openLink: standIn.openLink,
        userDataDir,
        ...(options.keychain ? { keychain: options.keychain } : {}),
      });
      const composed = airlock;
      cleanups.push(() => composed.dispose());
    }
    // The guarded door (sender, channel, payload, then policy and audit before any handler). It logs through
    // airlock.ports.logger: the same lines, also kept for Settings → Export diagnostics.
    const gateway = airlock.gateway('preview', HOST_ORIGIN);
    const cspViolations: string[] = [];
    const { context, page } = await openAppWindow(browser, options, gateway, standIn, cspViolations);
    appPage = page;
    // main → renderer, as Electron's window gets them: the app page's main frame only.
    const stopEvents = deliverEvents({ page, source: airlock.events, origin: HOST_ORIGIN, logger: airlock.ports.logger, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
    cleanups.push(async () => stopEvents());
    return { browser, context, page, standIn, airlock, gateway, cspViolations, sandboxed, close: cleanUp };
  } catch (thrown) {
    await cleanUp();
    throw thrown;
  }
}
