// The sandboxed preload: exposes `window.airlock.<service>.<method>()` built from the contract's channel
// names, and one listener method per push event (`window.airlock.auth.onSignInProgress(listener)` →
// unsubscribe) fed by a single ipcRenderer listener on the one push channel. Never exposes ipcRenderer, a
// generic invoke(channel) or on(channel), or an event object: listeners get the payload alone. It runs in the
// renderer's sandbox, so it imports only shared/ and 'electron' (lint layer electron/preload): no Node, no services.
import { contextBridge, ipcRenderer } from 'electron';
import { buildAirlockApi } from '../../shared/contract/api-builder';
import { createEventDispatch } from '../../shared/contract/event-dispatch';
import { EVENT_CHANNEL } from '../../shared/contract/event-names';

// contextBridge copies each payload into the page for every listener call, so no copy is made here. A
// listener's own error is reported (the console shows it) as an event handler's would, and the rest still run.
const report = (globalThis as { reportError?: (thrown: unknown) => void }).reportError;
const dispatch = createEventDispatch(undefined, (thrown) => report?.(thrown));
// The IpcRendererEvent (it carries `sender`) stops here.
ipcRenderer.on(EVENT_CHANNEL, (_event, message: unknown) => dispatch.deliver(message));

contextBridge.exposeInMainWorld(
  'airlock',
  buildAirlockApi((channel, request) => ipcRenderer.invoke(channel, request), undefined, dispatch.subscribe),
);
