// A fake of the few Electron APIs the shell touches, faithful where it matters to the tests:
// per-webContents ipc.handle (second registration throws, unknown channel rejects like Electron),
// senderFrame identity, event preventDefault, window-open handler capture, session permission handlers.
// Tests use it with: vi.mock('electron', async () => (await import('../../support/fake-electron')).fake.module)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fake must accept every Electron listener signature
type Listener = (...args: any[]) => unknown;


export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
      return listener(...(args as unknown[]));
    };
    return this.on(event, wrapped);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A cancellable event like Electron's. */
export function fakeEvent<T extends object>(extra?: T): { defaultPrevented: boolean; preventDefault(): void } & T {
  const event = { defaultPrevented: false, preventDefault() { event.defaultPrevented = true; }, ...(extra ?? ({} as T)) };
  return event;
}

export class FakeFrame {
  detached = false;
  /** What main sent to this frame (WebFrameMain.send), structured-cloned as Electron does. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  constructor(public url: string) {}
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args: args.map((a) => structuredClone(a)) });
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, handler: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  /** What ipcRenderer.invoke does on the other side: find the handler or reject like Electron. */
  async invoke(channel: string, senderFrame: FakeFrame | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    return handler({ senderFrame }, ...args.map((a) => structuredClone(a)));
  }
}

export class FakeWebContents extends FakeEmitter {
  readonly mainFrame = new FakeFrame('app://bundle/index.html');
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  readonly ipc = new FakeIpcMain();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  constructor(public readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  getNativeWindowHandle(): Buffer {
    return Buffer.alloc(8);
  }
}

export class FakeSession {
  readonly events = new FakeEmitter();
  requestHandler: Listener | null = null;
  checkHandler: Listener | null = null;
  deviceHandler: Listener | null = null;
  setPermissionRequestHandler(h: Listener) {
    this.requestHandler = h;
  }
  setPermissionCheckHandler(h: Listener) {
    this.checkHandler = h;
  }
  setDevicePermissionHandler(h: Listener) {
    this.deviceHandler = h;
  }
  on(event: string, listener: Listener) {
    this.events.on(event, listener);
    return this;
  }
  /** The certificate verify proc main installed (session.setCertificateVerifyProc), or null. */
  verifyProc: Listener | null = null;
  setCertificateVerifyProc(proc: Listener | null) {
    this.verifyProc = proc;
  }
  /**
   * What session.fetch / net.fetch does: tests plug a real client here (Node's fetch/undici to a loopback
   * server, with the test's CA); without one the fake has no network and rejects like Chromium offline.
   */
  fetchImpl: ((input: string, init: RequestInit) => Promise<Response>) | null = null;
  /** Electron <= 45 cancels a `redirect: 'manual'` fetch on a redirect (electron/electron#43715); true plays that. */
  cancelManualRedirects = false;
  readonly fetched: Array<{ url: string; init: RequestInit }> = [];
  async fetch(input: string, init: RequestInit = {}): Promise<Response> {
    this.fetched.push({ url: input, init });
    if (!this.fetchImpl) throw new Error('net::ERR_INTERNET_DISCONNECTED');
    const response = await this.fetchImpl(input, init);
    if (this.cancelManualRedirects && init.redirect === 'manual' && response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new Error('Redirect was cancelled');
    }
    return response;
  }
}

export function createFakeElectron() {
  const calls: string[] = [];
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    singleInstance: true,
    enableSandbox: () => void calls.push('app.enableSandbox'),
    requestSingleInstanceLock: () => (calls.push('app.requestSingleInstanceLock'), app.singleInstance),
    quit: () => void calls.push('app.quit'),
    exit: (code: number) => void calls.push(`app.exit:${code}`),
    getVersion: () => '0.1.0',
    userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-fake-userdata-')),
    getPath: (name: string) => (name === 'userData' ? app.userDataDir : tmpdir()),
    // The app folder main reads its package.json from (signed-build.ts): empty here, so the build is unsigned.
    getAppPath: () => app.userDataDir,
    whenReady: () => (calls.push('app.whenReady'), ready),
  });
  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged(list: unknown[]) {
      calls.push('protocol.registerSchemesAsPrivileged');
      protocol.privileged.push(...list);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      calls.push(`protocol.handle:${scheme}`);
      protocol.handlers.set(scheme, handler);
    },
  };
  const defaultSession = new FakeSession();
  /** session.fromPartition: one session per partition name, announced with app 'session-created' like Electron. */
  const partitions = new Map<string, FakeSession>();
  const fromPartition = (partition: string) => {
    let created = partitions.get(partition);
    if (!created) {
      created = new FakeSession();
      partitions.set(partition, created);
      app.emit('session-created', created);
    }
    return created;
  };
  const shell = { opened: [] as string[], openExternal: async (url: string) => void shell.opened.push(url) };
  const exposed = new Map<string, unknown>();
  const ipcRendererCalls: Array<{ channel: string; args: unknown[] }> = [];
  /** What the preload listens to (ipcRenderer.on); tests emit main's pushes through it. */
  const ipcRendererEvents = new FakeEmitter();
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const dialog = { showErrorBox: (title: string, content: string) => void errorBoxes.push({ title, content }) };
  const module = {
    app,
    dialog,
    protocol,
    shell,
    session: { defaultSession, fromPartition },
    net: { fetch: (input: string, init?: RequestInit) => defaultSession.fetch(input, init) },
    BrowserWindow: FakeBrowserWindow,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => (ipcRendererCalls.push({ channel, args }), { ok: true, value: null }),
      on: (channel: string, listener: Listener) => void ipcRendererEvents.on(channel, listener),
      removeListener: (channel: string, listener: Listener) =>
        void ipcRendererEvents.listeners.set(channel, (ipcRendererEvents.listeners.get(channel) ?? []).filter((l) => l !== listener)),
    },
  };
  return { module, app, protocol, shell, dialog, errorBoxes, defaultSession, partitions, calls, exposed, ipcRendererCalls, ipcRendererEvents, fireReady: () => resolveReady() };
}

export const fake = createFakeElectron();
