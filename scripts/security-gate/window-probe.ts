// The window probe: a small program the security gate bundles and runs with plain `node` in a child process.
// It loads the BUILT main bundle (argv[2]) exactly as Electron would, with only 'electron' replaced by a
// recording stand-in, lets the app start (ready fires at once, packaged = true, as an installed app), and
// writes to argv[3] every window and view the bundle constructed, with the options it passed. argv[4] is
// the userData folder to report (the gate's own temp dir, removed afterwards).
//
// It judges nothing (window-check.ts does) and must never open a real window, a port, or touch the user's
// files: userData is the gate's temp dir, and every Electron API it does not model is an inert stub.
import Module from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ProbedWindow {
  readonly kind: string;
  /** webPreferences as passed (JSON-safe: non-primitive values become a type marker). */
  readonly webPreferences: Record<string, unknown> | null;
}

export interface ProbeReport {
  readonly windows: ProbedWindow[];
  readonly loadedUrls: string[];
  /** app.enableSandbox() was called before 'ready' (what Electron requires for it to take effect). */
  readonly enableSandboxBeforeReady: boolean;
  /** Start failures: error boxes, app.exit, uncaught errors. */
  readonly failures: string[];
}

const WINDOW_KINDS = ['BrowserWindow', 'BaseWindow', 'BrowserView', 'WebContentsView'] as const;
/** Every export of Electron's main-process module; the ones not modelled below are inert stubs. */
const ELECTRON_EXPORTS = [
  'app', 'autoUpdater', 'BaseWindow', 'BrowserView', 'BrowserWindow', 'clipboard', 'contentTracing', 'contextBridge',
  'crashReporter', 'desktopCapturer', 'dialog', 'globalShortcut', 'ImageView', 'inAppPurchase', 'ipcMain', 'ipcRenderer',
  'Menu', 'MenuItem', 'MessageChannelMain', 'nativeImage', 'nativeTheme', 'net', 'netLog', 'Notification', 'powerMonitor',
  'powerSaveBlocker', 'protocol', 'pushNotifications', 'safeStorage', 'screen', 'session', 'ShareMenu', 'shell',
  'systemPreferences', 'TouchBar', 'Tray', 'utilityProcess', 'View', 'webContents', 'WebContentsView', 'webFrame',
  'webFrameMain', 'webUtils',
];

const report = { windows: [] as ProbedWindow[], loadedUrls: [] as string[], enableSandboxBeforeReady: false, failures: [] as string[] };
let ready = false;

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

/** Keeps what JSON can carry; a function or object in webPreferences is recorded by its type. */
function jsonSafe(preferences: unknown): Record<string, unknown> | null {
  if (!preferences || typeof preferences !== 'object') return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(preferences as Record<string, unknown>)) {
    out[key] = value === null || ['string', 'number', 'boolean'].includes(typeof value) ? value : value === undefined ? undefined : `[${typeof value}]`;
  }
  return out;
}

function recordingWindowClass(kind: string): unknown {
  return class {
    constructor(options?: { webPreferences?: unknown }) {
      report.windows.push({ kind, webPreferences: jsonSafe(options?.webPreferences) });
      const own = {
        loadURL: (url: string) => (report.loadedUrls.push(String(url)), Promise.resolve()),
        loadFile: (file: string) => (report.loadedUrls.push(`file:${String(file)}`), Promise.resolve()),
        getNativeWindowHandle: () => Buffer.alloc(8),
        isMinimized: () => false,
        isDestroyed: () => false,
      };
      return withStubs(kind, own);
    }
  };
}

/** `own` as modelled, with an inert stub for anything else the bundle touches on it. */
function withStubs(name: string, own: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(own, {
    get: (t, prop) => (typeof prop === 'string' && prop in t ? t[prop] : prop === 'then' || typeof prop === 'symbol' ? undefined : stub(`${name}.${prop}`)),
  });
}

function fakeElectron(userData: string): Record<string, unknown> {
  const fail = (what: string) => void report.failures.push(what);
  const modelled: Record<string, unknown> = {
    app: withStubs('app', {
      isPackaged: true,
      enableSandbox: () => void (report.enableSandboxBeforeReady = !ready),
      requestSingleInstanceLock: () => true,
      whenReady: () => ((ready = true), Promise.resolve()),
      isReady: () => ready,
      getPath: () => userData,
      getVersion: () => '0.0.0-gate',
      getName: () => 'Airlock',
      quit: () => fail('app.quit() during start'),
      exit: (code?: number) => fail(`app.exit(${code ?? 0}) during start`),
    }),
    dialog: withStubs('dialog', { showErrorBox: (title: string, content: string) => fail(`error box: ${title}: ${content}`) }),
    ...Object.fromEntries(WINDOW_KINDS.map((kind) => [kind, recordingWindowClass(kind)])),
  };
  return Object.fromEntries(ELECTRON_EXPORTS.map((name) => [name, modelled[name] ?? stub(name)]));
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

function main(): void {
  const [mainBundle, reportFile, userData] = process.argv.slice(2);
  if (!mainBundle || !reportFile || !userData) throw new Error('usage: window-probe <main.cjs> <report.json> <userData dir>');
  mkdirSync(userData, { recursive: true });
  const electron = fakeElectron(userData);
  const loader = Module as unknown as { _load: Load };
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    return request === 'electron' ? electron : load.call(this, request, parent, isMain);
  };
  process.on('uncaughtException', (error) => void report.failures.push(`uncaught: ${error.name}: ${error.message}`));
  process.on('unhandledRejection', (reason) => void report.failures.push(`unhandled rejection: ${String(reason)}`));

  const finish = () => {
    writeFileSync(reportFile, JSON.stringify(report));
    process.exit(0);
  };
  // Done once the app has loaded a page (then a moment for any further window) or failed; else give up.
  const giveUp = setTimeout(finish, 20_000);
  const poll = setInterval(() => {
    if (report.loadedUrls.length > 0 || report.failures.length > 0) {
      clearInterval(poll);
      clearTimeout(giveUp);
      setTimeout(finish, 100);
    }
  }, 10);
  const bundle = path.resolve(mainBundle);
  Module.createRequire(bundle)(bundle);
}

main();
