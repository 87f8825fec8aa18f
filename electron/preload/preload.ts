// The sandboxed preload: exposes `window.airlock.<service>.<method>()` built from the contract's channel
// names. Never exposes ipcRenderer, a generic invoke(channel) or an event object. It runs in the renderer's
// sandbox, so it imports only shared/ and 'electron' (lint layer electron/preload): no Node, no services.
import { contextBridge, ipcRenderer } from 'electron';
import { buildAirlockApi } from '../../shared/contract/api-builder';

contextBridge.exposeInMainWorld(
  'airlock',
  buildAirlockApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
