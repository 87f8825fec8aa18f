// The Chromium host's side of the push channel, standing in for webContents.mainFrame.send: Airlock's events
// (already schema-checked by the event hub) go to the app page's main frame only, and only while it shows
// Airlock's own origin, in the order they happened. The bridge (bridge-init.ts) hands them to the page's
// listeners. A page that is loading, navigating or closed misses them, as an Electron window would.
import type { Page } from 'playwright-core';
import { EVENT_CHANNEL, type EventMessage } from '../../shared/contract/event-names';
import { isTrustedUrl, type EventSource, type Logger, type TrustedOrigin } from '../services';

export interface EventDeliveryOptions {
  readonly page: Page;
  readonly source: EventSource;
  readonly origin: TrustedOrigin;
  readonly logger: Logger;
  /** Sees every message handed to the page (leak scans). */
  readonly onEvent?: (message: EventMessage) => void;
}

/** Starts delivering; returns the stop (call it before the page closes). */
export function deliverEvents(options: EventDeliveryOptions): () => void {
  const { page, logger } = options;
  let queue: Promise<void> = Promise.resolve();
  const send = async (message: EventMessage): Promise<void> => {
    try {
      const frame = page.mainFrame();
      if (page.isClosed() || !isTrustedUrl(frame.url(), options.origin)) throw new Error('not Airlock');
      // In the main frame only (a subframe's window has no __airlockPush: the bridge sets it up in the top one).
      const delivered = await frame.evaluate((m) => {
        const push = (window as unknown as { __airlockPush?: (message: unknown) => void }).__airlockPush;
        if (typeof push !== 'function') return false;
        push(m);
        return true;
      }, message);
      if (!delivered) throw new Error('no bridge yet');
      options.onEvent?.(message);
    } catch {
      logger.log('debug', 'preview.event_not_sent', { event: message.name, channel: EVENT_CHANNEL });
    }
  };
  return options.source.subscribe((event) => {
    const message: EventMessage = { name: event.name, payload: event.payload };
    queue = queue.then(() => send(message));
  });
}
