// The security gate sees a weakened window or app: each hardening setting in electron/main is turned off in
// memory (an esbuild plugin rewrites the source while bundling; the tree is never touched) and the gate must
// fail, naming the setting — webPreferences one build each, app-wide weakenings (command-line switches,
// certificate-error handlers, certificate verification, proxies) batched. The gate builds main itself, so a
// stale dist/ can never hide the change.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { checkEffectiveWindows, runElectronegativityGate } from '../../../scripts/electronegativity-gate';

interface Rewrite {
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

/** Bundles with every rewrite applied (in order, per file); throws if a `from` is missing, so no case can pass vacuously. */
function weaken(...rewrites: Rewrite[]): Plugin {
  const targets = new Set(rewrites.map((r) => path.join(ROOT, r.file)));
  return {
    name: 'weaken-for-test',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        const target = path.resolve(args.path);
        if (!targets.has(target)) return undefined;
        let source = await readFile(target, 'utf8');
        for (const rewrite of rewrites.filter((r) => path.join(ROOT, r.file) === target)) {
          if (!source.includes(rewrite.from)) throw new Error(`weaken: '${rewrite.from}' not found in ${rewrite.file}`);
          source = source.replace(rewrite.from, rewrite.to);
        }
        return { contents: source, loader: 'ts' };
      });
    },
  };
}

const SECURE_WINDOW = 'electron/main/secure-window.ts';
const inWindow = (from: string, to: string): Rewrite => ({ file: SECURE_WINDOW, from, to });

/** setting the gate must name → how to weaken it in the source. */
const WEAKENINGS: ReadonlyArray<readonly [string, Rewrite]> = [
  ['contextIsolation', inWindow('contextIsolation: true', 'contextIsolation: false')],
  ['sandbox', inWindow('sandbox: true', 'sandbox: false')],
  ['nodeIntegration', inWindow('nodeIntegration: false', 'nodeIntegration: true')],
  ['nodeIntegrationInWorker', inWindow('nodeIntegrationInWorker: false', 'nodeIntegrationInWorker: true')],
  ['nodeIntegrationInSubFrames', inWindow('nodeIntegrationInSubFrames: false', 'nodeIntegrationInSubFrames: true')],
  ['webSecurity', inWindow('webSecurity: true', 'webSecurity: false')],
  ['allowRunningInsecureContent', inWindow('allowRunningInsecureContent: false', 'allowRunningInsecureContent: true')],
  ['experimentalFeatures', inWindow('experimentalFeatures: false', 'experimentalFeatures: true')],
  ['webviewTag', inWindow('webviewTag: false', 'webviewTag: true')],
  ['enableBlinkFeatures', inWindow("disableBlinkFeatures: 'Auxclick',", "disableBlinkFeatures: 'Auxclick', enableBlinkFeatures: 'CSSColorSchemeUARendering',")],
  ['preload', inWindow('preload: options.preloadPath,', '')],
  ['devTools', inWindow('devTools: options.allowDevTools,', 'devTools: true,')],
  // Not in secure-window.ts at all: the weakening hides in a call that is not an object literal.
  ['sandbox', inWindow('safeDialogs: true,', 'safeDialogs: true, ...(Object.fromEntries([["sand" + "box", !1]]) as object),')],
  ['app.enableSandbox', { file: 'electron/main/main.ts', from: 'app.enableSandbox();', to: '' }],
];

const MAIN = 'electron/main/main.ts';
/** Code added to main.ts before 'ready' (beside app.enableSandbox), or once ready (beside the default session's guards). */
const beforeReady = (code: string): Rewrite => ({ file: MAIN, from: 'app.enableSandbox();', to: `app.enableSandbox(); ${code}` });
const onceReady = (code: string): Rewrite => ({ file: MAIN, from: 'denyAllPermissions(session.defaultSession);', to: `denyAllPermissions(session.defaultSession); ${code}` });
const TRUST_ALL = '(event: { preventDefault(): void }, ...rest: unknown[]) => { event.preventDefault(); (rest.at(-1) as (trust: boolean) => void)(true); }';

/**
 * Weakenings that are not webPreferences: TLS, the sandbox and site isolation switched off app-wide, a debugger
 * opened, certificates trusted by hand. Batched (one build each); the gate must name every one, in order.
 */
const APP_WEAKENINGS: ReadonlyArray<readonly [what: string, settings: string[], rewrites: Rewrite[]]> = [
  [
    'command-line switches',
    [
      '--ignore-certificate-errors',
      '--ignore-certificate-errors-spki-list',
      '--no-sandbox',
      '--disable-web-security',
      '--allow-insecure-localhost',
      '--disable-site-isolation-trials',
      '--remote-debugging-port',
      '--inspect',
      '--disable-gpu-sandbox',
      '--ssl-key-log-file',
      '--disable-features',
      '--inspect-brk',
      '--no-sandbox',
    ],
    [
      beforeReady(
        [
          "app.commandLine.appendSwitch('ignore-certificate-errors');",
          "app.commandLine.appendSwitch('ignore-certificate-errors-spki-list', 'AAAA');",
          "app.commandLine.appendSwitch('no-sandbox');",
          "app.commandLine.appendSwitch('disable-web-security');",
          "app.commandLine.appendSwitch('allow-insecure-localhost');",
          "app.commandLine.appendSwitch('disable-site-isolation-trials');",
          "app.commandLine.appendSwitch('remote-debugging-port', '9222');",
          "app.commandLine.appendSwitch('inspect');",
          "app.commandLine.appendSwitch('disable-gpu-sandbox');",
          "app.commandLine.appendSwitch('ssl-key-log-file', '/tmp/keys.log');",
          "app.commandLine.appendSwitch('disable-features', 'IsolateOrigins,site-per-process');",
          "app.commandLine.appendArgument('--inspect-brk=9229');",
          "app.commandLine.appendSwitch('--No-Sandbox');",
          // Harmless ones the gate must let through:
          "app.commandLine.appendSwitch('lang', 'en-US'); app.commandLine.appendSwitch('disable-features', 'Translate'); app.commandLine.appendArgument('airlock://open');",
        ].join(' '),
      ),
    ],
  ],
  [
    'certificate-error handlers and verify procs, on app and on every webContents and session',
    // One session exists by the time the probe looks: the window's default session. The control plane's sessions
    // (one per environment, net-fetch-https) are made on first use; each goes through the same 'session-created'.
    ["app.on('certificate-error')", "webContents.on('certificate-error')", "webContents.on('certificate-error')", 'session.setCertificateVerifyProc'],
    [
      beforeReady(`app.on('certificate-error', ${TRUST_ALL});`),
      // Every webContents, through app 'web-contents-created' (the probe emits it as Electron does) ...
      { file: 'electron/main/web-contents-guards.ts', from: "contents.on('will-attach-webview'", to: `contents.on('certificate-error' as 'will-attach-webview', ${TRUST_ALL}); contents.on('will-attach-webview'` },
      // ... and the main window's own.
      { file: MAIN, from: 'bindIpc(mainWindow.webContents, gateway);', to: `bindIpc(mainWindow.webContents, gateway); mainWindow.webContents.once('certificate-error', ${TRUST_ALL});` },
      // Every session, through app 'session-created' (the probe emits it for each session as Electron does).
      { file: MAIN, from: '(created: Session) => denyAllPermissions(created)', to: '(created: Session) => { denyAllPermissions(created); created.setCertificateVerifyProc((_request, callback) => callback(0)); }' },
    ],
  ],
  [
    'certificate verification, proxies and trust set by hand',
    ['session.setCertificateVerifyProc', 'session.setProxy', 'app.importCertificate', 'process.env.NODE_TLS_REJECT_UNAUTHORIZED'],
    [
      onceReady(
        [
          'session.defaultSession.setCertificateVerifyProc((_request, callback) => callback(0));',
          "session.fromPartition('persist:x').setProxy({ proxyRules: 'http=127.0.0.1:8080' });",
          "app.importCertificate({ certificate: 'ca.p12', password: '' }, () => undefined);",
          "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';",
        ].join(' '),
      ),
    ],
  ],
];

describe('the gate sees the effective window settings in the built main bundle', () => {
  it('passes the window as it is in the tree (control)', async () => {
    const result = await checkEffectiveWindows();
    expect(result.windows.length).toBeGreaterThanOrEqual(1);
    expect(result.blocking).toEqual([]);
  });

  for (const [setting, rewrite] of WEAKENINGS) {
    it(`fails when ${setting} is weakened: ${rewrite.file} '${rewrite.from}' → '${rewrite.to}'`, async () => {
      const result = await checkEffectiveWindows({ plugins: [weaken(rewrite)] });
      expect(result.blocking.map((f) => f.setting)).toEqual([setting]);
    });
  }

  for (const [what, settings, rewrites] of APP_WEAKENINGS) {
    it(`fails on ${what}, naming each`, async () => {
      const result = await checkEffectiveWindows({ plugins: [weaken(...rewrites)] });
      expect(result.blocking.map((f) => f.setting)).toEqual(settings);
    });
  }

  it('the whole gate (fresh build + Electronegativity + window and app check) fails on contextIsolation: false and --no-sandbox', async () => {
    const result = await runElectronegativityGate({ plugins: [weaken(WEAKENINGS[0]![1], beforeReady("app.commandLine.appendSwitch('no-sandbox');"))] });
    expect(result.blocking.find((f) => f.id === 'AIRLOCK_WEB_PREFERENCES')?.sample).toMatch(/^contextIsolation/);
    expect(result.blocking.find((f) => f.id === 'AIRLOCK_COMMAND_LINE')?.setting).toBe('--no-sandbox');
    // It scanned its own fresh build in a temp dir, never dist/ (scannedFiles are relative to that build).
    expect(path.isAbsolute(result.buildDir)).toBe(true);
    expect(path.relative(path.join(ROOT, 'dist'), result.buildDir).startsWith('..')).toBe(true);
    expect(result.scannedFiles).toContain('main/main.cjs');
  });
});
