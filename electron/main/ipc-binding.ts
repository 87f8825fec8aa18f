// The only file that registers IPC handlers. One handler per contract channel, on the window's own
// webContents.ipc (other webContents cannot reach it). The sender frame is read synchronously before any
// await — it may be null once the frame navigated or died — and the gateway decides the rest.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS } from '../../shared/contract/channels';
import { failed } from '../../shared/contract/result';
import { errorShape } from '../../shared/errors/airlock-error';
import type { CallerFrame, Gateway } from '../services';

export type IpcContents = Pick<WebContents, 'ipc' | 'mainFrame'>;

const UNKNOWN_CALLER: CallerFrame = { url: null, isMainFrame: false };

/** Who sent this event; a missing, detached or dying frame (or one whose properties throw) is nobody we trust. */
export function callerOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, contents: Pick<WebContents, 'mainFrame'>): CallerFrame {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.detached) return UNKNOWN_CALLER;
    return { url: frame.url, isMainFrame: frame === contents.mainFrame };
  } catch {
    return UNKNOWN_CALLER;
  }
}

export function bindIpc(contents: IpcContents, gateway: Gateway): void {
  for (const channel of CHANNELS) {
    contents.ipc.handle(channel, (event, ...args: unknown[]) => {
      const caller = callerOf(event, contents); // synchronously, before anything can await
      // The preload sends exactly one argument; more means someone is not using our preload.
      if (args.length > 1) return Promise.resolve(failed(errorShape('E_BAD_REQUEST')));
      // The gateway never rejects by design; if it ever did, Electron would forward the raw message.
      return gateway.call(channel, args[0], caller).catch(() => failed(errorShape('E_INTERNAL')));
    });
  }
}
