// The last check before a request leaves the host's Chromium: CDP Fetch interception on the browser target, so
// every hop of every request — of every page, frame and worker, redirects included — pauses here before it is
// sent. Playwright's routing (the first check, per window) sees only the first URL of a redirect chain and does
// not see shared workers' requests at all; without this, a page allowed in a stand-in window could redirect
// it anywhere, another http://localhost:<port> service included. Pages Playwright answers itself (the app's
// bundle) are settled before they get here. What may pass is hopAllowed's decision (window-reach.ts).
// Never lets out a hop it cannot place; never logs a URL (sign-in URLs carry codes).
import type { Browser, Page } from 'playwright-core';
import type { Logger } from '../services';
import { hopAllowed } from './window-reach';

/** The part of Fetch.requestPaused this gate reads. */
interface RequestPaused {
  readonly requestId: string;
  readonly request: { readonly url: string };
  /** The frame that made the request; a page's top frame has its target's id. */
  readonly frameId?: string;
  /** Set when this hop follows a redirect response. */
  readonly redirectedRequestId?: string;
}

interface AdmittedWindow {
  readonly origins: ReadonlySet<string>;
  readonly onRefused: () => void;
}

export interface NetworkGate {
  /**
   * From now until the page closes, its top frame reaches `origins` and nothing else (an empty set: nothing);
   * `onRefused` runs when it was refused a hop. Call before the page's first navigation.
   */
  admit(page: Page, origins: ReadonlySet<string>, onRefused?: () => void): Promise<void>;
}

/** The CDP target id of a page, which is also its top frame's id in Fetch events. */
async function targetIdOf(page: Page): Promise<string> {
  const session = await page.context().newCDPSession(page);
  try {
    const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
    return targetInfo.targetId;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Installs the gate on the whole browser; one per browser, before any window it guards opens. */
export async function installNetworkGate(browser: Browser, logger: Logger): Promise<NetworkGate> {
  const session = await browser.newBrowserCDPSession();
  const windows = new Map<string, AdmittedWindow>();

  session.on('Fetch.requestPaused', (event: RequestPaused) => {
    const window = event.frameId === undefined ? undefined : windows.get(event.frameId);
    const redirected = event.redirectedRequestId !== undefined;
    const anyWindow = [...windows.values()].map((w) => w.origins);
    if (hopAllowed({ url: event.request.url, redirected, window: window?.origins, anyWindow })) {
      void session.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
      return;
    }
    // Failed here, the request never leaves Chromium: no connection, no DNS lookup.
    void session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
    logger.log('info', 'preview.stand_in_refused', { hop: redirected ? 'redirect' : 'request', frame: window ? 'top' : 'other' });
    window?.onRefused();
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });

  return {
    async admit(page, origins, onRefused = () => undefined) {
      const targetId = await targetIdOf(page);
      windows.set(targetId, { origins, onRefused });
      page.once('close', () => windows.delete(targetId));
    },
  };
}
