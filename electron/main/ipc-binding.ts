// The only file that registers IPC handlers. One handler per contract channel, on the window's own
// webContents.ipc (other webContents cannot reach it). The sender frame is read synchronously before any
// await — it may be null once the frame navigated or died — and the gateway decides the rest.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS } from '../../shared/contract/channels';
import { failed } from '../../shared/contract/result';
import { errorShape } from '../../shared/errors/airlock-error';
import type { CallerFrame, Gateway } from '../services';

export type IpcContents = Pick<WebContents, 'ipc' | 'mainFrame'>;

export function callerOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, contents: Pick<WebContents, 'mainFrame'>): CallerFrame {
  const frame = event.senderFrame;
  if (!frame) return { url: null, isMainFrame: false };
  return { url: frame.url, isMainFrame: frame === contents.mainFrame };
}

export function bindIpc(contents: IpcContents, gateway: Gateway): void {
  for (const channel of CHANNELS) {
    contents.ipc.handle(channel, (event, ...args: unknown[]) => {
      const caller = callerOf(event, contents);
      // The preload sends exactly one argument; more means someone is not using our preload.
      if (args.length > 1) return Promise.resolve(failed(errorShape('E_BAD_REQUEST')));
      return gateway.call(channel, args[0], caller);
    });
  }
}
