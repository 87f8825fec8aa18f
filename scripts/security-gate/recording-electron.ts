// The recording stand-in for 'electron' that the window probe (window-probe.ts) hands the built main bundle.
// It records what the bundle does that decides how safe the app is — the windows it constructs and their
// webPreferences, app.commandLine switches, listeners on app, every webContents and session (certificate-error
// above all), and calls that change whom the app trusts (setCertificateVerifyProc, setProxy, importCertificate)
// — and emits what Electron would emit while starting ('ready', 'session-created' for the default session and
// each partition, 'web-contents-created' and 'browser-window-created' for each window), so code that hooks in
// there is seen too. Everything it does not model is an inert stub.
//
// It judges nothing, and never opens a window, a port or a file: userData is the probe's temp dir.
import type { ProbedListener, ProbedSwitch, ProbedTrustCall, ProbedWindow } from './probe-report';

export interface Recording {
  readonly windows: ProbedWindow[];
  readonly loadedUrls: string[];
  enableSandboxBeforeReady: boolean;
  readonly failures: string[];
  readonly commandLine: ProbedSwitch[];
  readonly listeners: ProbedListener[];
  readonly trustCalls: ProbedTrustCall[];
}

type Handler = (...args: unknown[]) => unknown;

const WINDOW_KINDS = ['BrowserWindow', 'BaseWindow', 'BrowserView', 'WebContentsView'] as const;
/** Kinds that host web content (and so have a webContents); a BaseWindow has none. */
const WEB_KINDS = new Set<string>(['BrowserWindow', 'BrowserView', 'WebContentsView']);
/** Every export of Electron's main-process module; the ones not modelled below are inert stubs. */
const ELECTRON_EXPORTS = [
  'app', 'autoUpdater', 'BaseWindow', 'BrowserView', 'BrowserWindow', 'clipboard', 'contentTracing', 'contextBridge',
  'crashReporter', 'desktopCapturer', 'dialog', 'globalShortcut', 'ImageView', 'inAppPurchase', 'ipcMain', 'ipcRenderer',
  'Menu', 'MenuItem', 'MessageChannelMain', 'nativeImage', 'nativeTheme', 'net', 'netLog', 'Notification', 'powerMonitor',
  'powerSaveBlocker', 'protocol', 'pushNotifications', 'safeStorage', 'screen', 'session', 'ShareMenu', 'shell',
  'systemPreferences', 'TouchBar', 'Tray', 'utilityProcess', 'View', 'webContents', 'WebContentsView', 'webFrame',
  'webFrameMain', 'webUtils',
];
const LISTENER_METHODS = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'] as const;
/** Calls that change whom the app trusts on the network; recorded, never performed. */
const SESSION_TRUST_CALLS = ['setCertificateVerifyProc', 'setProxy', 'setSSLConfig'] as const;
const APP_TRUST_CALLS = ['importCertificate', 'setProxy'] as const;

/** An inert stand-in: any property is another stub, calls and `new` return stubs, and it is never a thenable. */
function stub(name: string): unknown {
  const target = function electronStub() {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => `[electron stub ${name}]`;
      if (typeof prop === 'symbol') return undefined;
      return stub(`${name}.${prop}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`) as object,
  });
}

/** `own` as modelled, with an inert stub for anything else the bundle touches on it. */
function withStubs(name: string, own: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(own, {
    get: (t, prop) => (typeof prop === 'string' && prop in t ? t[prop] : prop === 'then' || typeof prop === 'symbol' ? undefined : stub(`${name}.${prop}`)),
  });
}

/** Keeps what JSON can carry; a function or object in webPreferences is recorded by its type. */
function jsonSafe(preferences: unknown): Record<string, unknown> | null {
  if (!preferences || typeof preferences !== 'object') return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(preferences as Record<string, unknown>)) {
    out[key] = value === null || ['string', 'number', 'boolean'].includes(typeof value) ? value : value === undefined ? undefined : `[${typeof value}]`;
  }
  return out;
}

export function recordingElectron(record: Recording, userData: string): { electron: Record<string, unknown>; becomeReady: () => void } {
  const fail = (what: string) => void record.failures.push(what);
  const event = () => ({ preventDefault: () => undefined, defaultPrevented: false });

  /** Listener registration that records, keeps the handlers so the probe can emit, and chains like an EventEmitter. */
  function emitter(on: ProbedListener['on'], where: string, self: () => unknown) {
    const handlers = new Map<string, Handler[]>();
    const register = (name: unknown, handler: Handler) => {
      record.listeners.push({ on, where, event: String(name) });
      handlers.set(String(name), [...(handlers.get(String(name)) ?? []), handler]);
      return self();
    };
    /** Calls each listener with exactly Electron's arguments for `name` (an event object first, where it has one). */
    const emit = (name: string, ...args: unknown[]) => {
      for (const handler of handlers.get(name) ?? []) {
        try {
          handler(...args);
        } catch (error) {
          fail(`${where} '${name}' listener threw: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    return { methods: Object.fromEntries(LISTENER_METHODS.map((m) => [m, register])), emit };
  }

  const trustCalls = (on: ProbedTrustCall['on'], where: string, calls: readonly string[]) =>
    Object.fromEntries(calls.map((call) => [call, () => (record.trustCalls.push({ on, where, call }), Promise.resolve())]));

  let ready = false;
  let app: Record<string, unknown> = {};
  const appEvents = emitter('app', 'app', () => app);

  const sessions = new Map<string, unknown>();
  function recordingSession(where: string): unknown {
    const known = sessions.get(where);
    if (known) return known;
    let created: Record<string, unknown> = {};
    const events = emitter('session', where, () => created);
    created = withStubs(where, { ...events.methods, ...trustCalls('session', where, SESSION_TRUST_CALLS) });
    sessions.set(where, created);
    appEvents.emit('session-created', created);
    return created;
  }
  const defaultSession = () => recordingSession('session.defaultSession');

  const allContents: unknown[] = [];
  function recordingWebContents(where: string): unknown {
    let contents: Record<string, unknown> = {};
    const events = emitter('webContents', where, () => contents);
    contents = withStubs(where, { ...events.methods, id: allContents.length + 1, get session() { return defaultSession(); } });
    allContents.push(contents);
    appEvents.emit('web-contents-created', event(), contents);
    return contents;
  }

  function recordingWindowClass(kind: string): unknown {
    return class {
      constructor(options?: { webPreferences?: unknown }) {
        record.windows.push({ kind, webPreferences: jsonSafe(options?.webPreferences) });
        const where = `${kind} #${record.windows.length}`;
        const own: Record<string, unknown> = {
          loadURL: (url: string) => (record.loadedUrls.push(String(url)), Promise.resolve()),
          loadFile: (file: string) => (record.loadedUrls.push(`file:${String(file)}`), Promise.resolve()),
          getNativeWindowHandle: () => Buffer.alloc(8),
          isMinimized: () => false,
          isDestroyed: () => false,
        };
        if (WEB_KINDS.has(kind)) own['webContents'] = recordingWebContents(`${where} webContents`);
        const window = withStubs(kind, own);
        if (kind === 'BrowserWindow') appEvents.emit('browser-window-created', event(), window);
        return window;
      }
    };
  }

  const becomeReady = () => {
    if (ready) return;
    ready = true;
    defaultSession(); // Electron makes the default session at ready, and 'session-created' fires for it
    appEvents.emit('ready', event(), {});
  };

  app = withStubs('app', {
    ...appEvents.methods,
    ...trustCalls('app', 'app', APP_TRUST_CALLS),
    isPackaged: true,
    commandLine: withStubs('app.commandLine', {
      appendSwitch: (name: string, value?: string) => void record.commandLine.push({ via: 'appendSwitch', name: String(name), value: value === undefined ? '' : String(value) }),
      appendArgument: (name: string) => void record.commandLine.push({ via: 'appendArgument', name: String(name), value: '' }),
      hasSwitch: () => false,
      getSwitchValue: () => '',
      removeSwitch: () => undefined,
    }),
    enableSandbox: () => void (record.enableSandboxBeforeReady = !ready),
    requestSingleInstanceLock: () => true,
    whenReady: () => (becomeReady(), Promise.resolve()),
    isReady: () => ready,
    getPath: () => userData,
    getVersion: () => '0.0.0-gate',
    getAppPath: () => userData, // no package.json there: the gated build counts as unsigned (signed-build.ts)
    getName: () => 'Airlock',
    quit: () => fail('app.quit() during start'),
    exit: (code?: number) => fail(`app.exit(${code ?? 0}) during start`),
  });

  const modelled: Record<string, unknown> = {
    app,
    dialog: withStubs('dialog', { showErrorBox: (title: string, content: string) => fail(`error box: ${title}: ${content}`) }),
    session: withStubs('session', {
      get defaultSession() {
        return defaultSession();
      },
      fromPartition: (partition: unknown) => recordingSession(`session.fromPartition(${JSON.stringify(partition)})`),
      fromPath: (folder: unknown) => recordingSession(`session.fromPath(${JSON.stringify(folder)})`),
    }),
    webContents: withStubs('webContents', { getAllWebContents: () => [...allContents], fromId: (id: number) => allContents[id - 1] }),
    ...Object.fromEntries(WINDOW_KINDS.map((kind) => [kind, recordingWindowClass(kind)])),
  };
  const electron = Object.fromEntries(ELECTRON_EXPORTS.map((name) => [name, modelled[name] ?? stub(name)]));
  return { electron, becomeReady };
}
