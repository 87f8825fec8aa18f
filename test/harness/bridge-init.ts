// Runs inside the page before any app script, standing in for the Electron preload. It builds
// `window.airlock` with the same builder the preload uses and mimics contextBridge + ipcRenderer.invoke:
// arguments are structured-cloned (so uncloneable values throw DataCloneError, as in Electron), and a
// failure of the bridge itself is reported with Electron's "Error invoking remote method" prefix.
// Like a preload, it exposes the API in the main frame only.
import { buildAirlockApi } from '../../shared/contract/api-builder';

type Binding = (channel: string, payload: unknown) => Promise<unknown>;
const scope = window as unknown as Record<string, unknown>;
const binding = scope['__airlockIpc'] as Binding | undefined;

if (window === window.top && typeof binding === 'function') {
  // contextBridge keeps ipcRenderer out of the page; hide the raw binding the same way.
  delete scope['__airlockIpc'];
  const invoke = async (channel: string, request: unknown): Promise<unknown> => {
    const cloned: unknown = structuredClone(request);
    try {
      return await binding(channel, cloned);
    } catch (thrown) {
      throw new Error(`Error invoking remote method '${channel}': ${String(thrown)}`);
    }
  };
  Object.defineProperty(window, 'airlock', { value: buildAirlockApi(invoke), enumerable: true, writable: false, configurable: false });
}
