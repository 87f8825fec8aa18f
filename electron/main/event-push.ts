// Main → renderer: sends Airlock's events (already schema-checked by the event hub) on the one push channel
// to the window's own main frame, and only while that frame shows Airlock (app://bundle): never to a
// subframe, another window, a page the window was somehow navigated to, or a destroyed window.
import type { WebContents, WebFrameMain } from 'electron';
import { EVENT_CHANNEL, type EventMessage } from '../../shared/contract/event-names';
import { APP_ORIGIN, isTrustedUrl, type EventSource, type Logger } from '../services';

export type PushContents = Pick<WebContents, 'isDestroyed'> & { readonly mainFrame: Pick<WebFrameMain, 'url' | 'detached' | 'send'> };

/** Subscribes the window to Airlock's events; returns the unsubscribe (call it when the window closes). */
export function pushEvents(contents: PushContents, source: EventSource, logger: Logger): () => void {
  return source.subscribe((event) => {
    try {
      if (contents.isDestroyed()) throw new Error('destroyed');
      const frame = contents.mainFrame;
      if (frame.detached || !isTrustedUrl(frame.url, APP_ORIGIN)) throw new Error('not Airlock');
      const message: EventMessage = { name: event.name, payload: event.payload };
      frame.send(EVENT_CHANNEL, message);
    } catch {
      // Loading, navigating or closing: the renderer asks the request channels for the current state when it
      // (re)starts, so a lost push costs nothing. The name only: the payload stays out of logs.
      logger.log('debug', 'shell.event_not_sent', { event: event.name });
    }
  });
}
