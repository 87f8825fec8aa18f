import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fake, fakeEvent, FakeBrowserWindow, FakeSession, FakeWebContents } from '../../../support/fake-electron';
import { CHANNELS } from '../../../../shared/contract/channels';
import { EVENT_CHANNEL } from '../../../../shared/contract/event-names';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
const { startShell } = await import('../../../../electron/main/main');

let renderer: string;
let win: FakeBrowserWindow;

/** Runs audit.verify through the window's IPC as the renderer would; whatever it answers, it reports progress. */
async function ipcVerify(frame: FakeWebContents['mainFrame']): Promise<unknown> {
  return win.webContents.ipc.invoke('audit.verify', frame, undefined);
}

beforeAll(async () => {
  renderer = await mkdtemp(path.join(tmpdir(), 'airlock-shell-'));
  await writeFile(path.join(renderer, 'index.html'), '<p>Airlock</p>');
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  startShell({ preload: '/opt/airlock/preload.cjs', renderer });
  fake.fireReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  win = FakeBrowserWindow.instances[0]!;
});

describe('Electron shell start-up (fake electron)', () => {
  it('enables the sandbox and registers app:// before waiting for ready', () => {
    const order = fake.calls;
    expect(order.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('app.enableSandbox')).toBeLessThan(order.indexOf('app.whenReady'));
    expect(order.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(order.indexOf('app.whenReady'));
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('takes the single-instance lock', () => {
    expect(fake.calls).toContain('app.requestSingleInstanceLock');
    expect(fake.app.count('second-instance')).toBe(1);
  });

  it('denies every permission on the default session and on sessions created later', () => {
    const answers: boolean[] = [];
    fake.defaultSession.requestHandler?.({}, 'media', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(fake.defaultSession.checkHandler?.({}, 'notifications')).toBe(false);
    const later = new FakeSession();
    fake.app.emit('session-created', later);
    expect(later.checkHandler?.({}, 'geolocation')).toBe(false);
  });

  it('opens one hardened window on app://bundle with the preload', () => {
    expect(win.loadedUrl).toBe('app://bundle/index.html');
    expect(win.options['show']).toBe(false);
    expect(win.options['webPreferences']).toMatchObject({
      preload: '/opt/airlock/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: true, // not packaged = development build
    });
  });

  it('binds every contract channel to the window', () => {
    expect([...win.webContents.ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('guards every webContents created later', () => {
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    const nav = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-navigate', nav);
    expect(nav.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('serves the UI from app:// with the CSP header and refuses other hosts and methods', async () => {
    const handler = fake.protocol.handlers.get('app')!;
    const page = await handler(new Request('app://bundle/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect((await handler(new Request('app://elsewhere/index.html'))).status).toBe(404);
    expect((await handler(new Request('app://bundle/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
    // `new Request` normalises literal ../ away, so traversal arrives percent-encoded.
    expect(new Request('app://bundle/../../etc/passwd').url).toBe('app://bundle/etc/passwd');
    for (const sneaky of ['app://bundle/%2e%2e/%2e%2e/etc/passwd', 'app://bundle/..%2f..%2fetc%2fpasswd', 'app://bundle/%2e%2e%5c%2e%2e%5cetc%5cpasswd']) {
      expect((await handler(new Request(sneaky))).status, sneaky).toBe(404);
    }
  });

  it('opens links the renderer asks for (app.openLink) in the system browser only when the link service allows them', async () => {
    const ipc = win.webContents.ipc;
    const frame = win.webContents.mainFrame;
    expect(await ipc.invoke('app.openLink', frame, { url: 'https://learn.microsoft.com/azure/' })).toEqual({ ok: true, value: { opened: true } });
    expect(await ipc.invoke('app.openLink', frame, { url: 'https://evil.example/' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
    expect(await ipc.invoke('app.openLink', frame, { url: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
    expect(fake.shell.opened).toEqual(['https://learn.microsoft.com/azure/']);
  });

  it("pushes Airlock's events to the window's main frame on the one push channel (audit verify progress here)", async () => {
    const frame = win.webContents.mainFrame;
    await ipcVerify(frame);
    const pushed = frame.sent.filter((m) => m.channel === EVENT_CHANNEL).map((m) => m.args[0] as { name: string; payload: { state: string } });
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.every((m) => m.name === 'audit.verifyProgress')).toBe(true);
    expect(pushed[0]!.payload.state).toBe('running');
    expect(new Set(frame.sent.map((m) => m.channel))).toEqual(new Set([EVENT_CHANNEL]));
  });

  it('quits when the last window closes', () => {
    fake.app.emit('window-all-closed');
    expect(fake.calls).toContain('app.quit');
  });
});
