import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from '../../../support/fake-electron';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
const { createSecureWindow, secureWebPreferences, secureWindowOptions } = await import('../../../../electron/main/secure-window');

describe('secure window', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances.length = 0;
  });

  it('turns on every isolation setting and off every risky one', () => {
    expect(secureWebPreferences({ preloadPath: '/app/preload.cjs', allowDevTools: false })).toEqual({
      preload: '/app/preload.cjs',
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
      devTools: false,
      safeDialogs: true,
    });
  });

  it('never enables Blink features and allows devtools only when asked (development builds)', () => {
    const dev = secureWebPreferences({ preloadPath: 'p', allowDevTools: true });
    expect(dev.devTools).toBe(true);
    expect(dev).not.toHaveProperty('enableBlinkFeatures');
    expect(dev.sandbox && dev.contextIsolation && !dev.nodeIntegration).toBe(true);
  });

  it('creates the window hidden and shows it on ready-to-show', () => {
    const win = createSecureWindow({ preloadPath: '/p.cjs', allowDevTools: false }) as unknown as FakeBrowserWindow;
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(win.options).toEqual(secureWindowOptions({ preloadPath: '/p.cjs', allowDevTools: false }));
    expect(win.options['show']).toBe(false);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });
});
