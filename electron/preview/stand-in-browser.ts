// The system browser of the Chromium host: sign-in pages and allowed links open as new windows of the same
// Chromium, in a browser context of their own (cookies and storage apart from the app's, like a real browser).
// Each window reaches only the origins it was opened for — the sign-in host plus Airlock's loopback listener
// (http://localhost:<port>, the redirect_uri) for a sign-in, the page's own origin for a link; every other
// request, web socket, popup and download is refused. Two checks: routing holds each request's first URL to
// its window; the network gate (network-gate.ts) holds every hop, redirects included, and a window whose top
// frame is refused a hop is closed. Pages arrive here already decided (auth's guard, the link service); this
// file refuses anything but https again and never ignores a certificate error.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { Logger } from '../services';
import { installNetworkGate, type NetworkGate } from './network-gate';
import { httpsPage, linkWindowReach, loopbackRedirectOf, originOf, signInWindowReach } from './window-reach';

export interface StandInBrowser {
  /** The stand-in's browser context: every window it opened (tests watch its 'page' event). */
  readonly context: BrowserContext;
  /** A sign-in page (auth's guard passed it: https, the environment's sign-in host). */
  readonly openSignIn: (url: string) => Promise<void>;
  /** A page the link service allowed (the device-code page, Microsoft help). */
  readonly openLink: (url: string) => Promise<void>;
  /** Holds a window that is not the stand-in's (the app window) to reaching nothing beyond Chromium. */
  readonly confine: (page: Page) => Promise<void>;
}

export interface StandInOptions {
  /** Set when pages cannot be verified here (no certutil for the environment's CA): every opening is refused with it. */
  readonly unavailable: AirlockError | null;
  readonly logger: Logger;
  /** Called once a sign-in window handed its answer to the loopback redirect and was closed. */
  readonly onSignInAnswered?: () => void;
}

function openFailure(thrown: unknown, refused: boolean): AirlockError {
  if (refused) {
    return new AirlockError('E_UNAVAILABLE', {
      message: 'The page was closed: it tried to send the window somewhere Airlock does not allow.',
      hint: 'Try again; if it happens again, tell your administrator that the environment\'s sign-in page redirects elsewhere.',
      details: { reason: 'refused' },
    });
  }
  const certificate = /ERR_CERT_|SSL_PROTOCOL_ERROR/.test(thrown instanceof Error ? thrown.message : '');
  return new AirlockError('E_UNAVAILABLE', {
    message: certificate ? 'The page could not be opened: its certificate could not be verified.' : 'The page could not be opened.',
    hint: certificate ? 'Check the environment\'s certificate authority with your administrator.' : 'Check that the environment is running and reachable, then try again.',
    details: { reason: certificate ? 'certificate' : 'unreachable' },
  });
}

export async function createStandInBrowser(browser: Browser, options: StandInOptions): Promise<StandInBrowser> {
  // Installed before any window exists, so no request of the stand-in leaves before it is in place.
  const gate: NetworkGate = await installNetworkGate(browser, options.logger);
  const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: false, viewport: { width: 1000, height: 760 } });
  /** Which origins each window may reach; a page not in here (a popup) reaches nothing. */
  const reach = new Map<Page, ReadonlySet<string>>();

  await context.route('**/*', async (route) => {
    const request = route.request();
    let page: Page | null = null;
    try {
      page = request.frame().page();
    } catch {
      page = null; // a request with no frame (a worker): nothing of ours
    }
    const origin = originOf(request.url());
    if (page && origin && reach.get(page)?.has(origin)) return route.continue();
    options.logger.log('info', 'preview.stand_in_refused', {});
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(() => true, (socket) => socket.close());

  async function openWindow(url: URL, origins: ReadonlySet<string>): Promise<Page> {
    if (options.unavailable) throw options.unavailable;
    const page = await context.newPage();
    let refused = false;
    reach.set(page, origins);
    page.on('popup', (popup) => void popup.close());
    page.on('close', () => reach.delete(page));
    try {
      // Refused a hop (a redirect elsewhere), the window can go nowhere good from there: it is closed.
      await gate.admit(page, origins, () => {
        refused = true;
        void page.close().catch(() => undefined);
      });
      await page.goto(url.href, { waitUntil: 'commit' });
    } catch (thrown) {
      await page.close().catch(() => undefined);
      throw openFailure(thrown, refused);
    }
    return page;
  }

  return {
    context,
    async openSignIn(raw) {
      const url = httpsPage(raw);
      const loopback = loopbackRedirectOf(url);
      const page = await openWindow(url, signInWindowReach(url));
      options.logger.log('info', 'preview.sign_in_window_opened', {});
      // The loopback page is Airlock's "you can close this window": close it for the user and return to the app.
      page.on('load', () => {
        if (loopback && originOf(page.url()) === loopback) void page.close().then(() => options.onSignInAnswered?.(), () => undefined);
      });
    },
    async openLink(raw) {
      const url = httpsPage(raw);
      await openWindow(url, linkWindowReach(url));
      options.logger.log('info', 'preview.link_window_opened', {});
    },
    confine: (page) => gate.admit(page, new Set()),
  };
}
