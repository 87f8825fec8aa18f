// The only place a BrowserWindow is made. Every renderer is sandboxed and isolated; the preload is the
// one bridge. Options are built by a pure function so tests can assert each preference.
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';

export interface SecureWindowOptions {
  readonly preloadPath: string;
  readonly allowDevTools: boolean;
}

export function secureWebPreferences(options: SecureWindowOptions): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
    devTools: options.allowDevTools,
    safeDialogs: true,
  };
}

export function secureWindowOptions(options: SecureWindowOptions): BrowserWindowConstructorOptions {
  return {
    show: false, // shown on 'ready-to-show' so the user never sees an unpainted window
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: 'Airlock',
    backgroundColor: '#1f1f1f',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options),
  };
}

export function createSecureWindow(options: SecureWindowOptions): BrowserWindow {
  const win = new BrowserWindow(secureWindowOptions(options));
  win.once('ready-to-show', () => win.show());
  return win;
}
