// ESLint flat config for Airlock (ESLint 9, typescript-eslint 8, eslint-plugin-electron-security 0.3.0).
//
//   1. typescript-eslint `recommendedTypeChecked` for every .ts/.tsx file in the TS project (tsconfig.json);
//      sandbox/ is linted without types until it has its own tsconfig (it is a separate program).
//   2. eslint-plugin-electron-security `strict` + `recommended-type-checked` for electron/main/** and
//      electron/preload/**, with `require-factory` as the "single door" for windows, IPC handlers and
//      shell.openExternal; `airlock/secure-web-preferences` refuses a weakened webPreferences key anywhere in
//      electron/main (the plugin only looks inside `new BrowserWindow({...})`).
//   3. react-hooks `recommended` for renderer/**.
//   4. `airlock/layer-boundaries` (scripts/lint/): the dependency rules of docs/architecture.md as an
//      ALLOW-LIST per layer (scripts/lint/layers.js; every source file in exactly one layer, an unclassified
//      file is an error). A local rule rather than `no-restricted-imports`, because the rules are about *where
//      a path lands* (depth-dependent '../..' chains) and because `no-restricted-imports` ignores `import()`,
//      `require()`, createRequire, module.require and `import('x').T` type queries.
//
// Electron security checklist (electronjs.org/docs/latest/tutorial/security) → what enforces it here:
//    1 Only load secure content ............... electron-security/no-insecure-load-url
//    2 No Node integration for remote content . electron-security/no-node-integration-for-remote-content
//    3 Context isolation ...................... electron-security/no-context-isolation-disabled
//    4 Process sandboxing ..................... electron-security/no-sandbox-disabled
//    5 Permission request handler ............. electron-security/require-permission-request-handler
//    6 Don't disable webSecurity .............. electron-security/no-web-security-disabled
//    7 Content Security Policy ................ electron-security/require-csp (JS/TS only; the <meta> CSP in
//                                               index.html is invisible to ESLint → Electronegativity gate)
//    8 No allowRunningInsecureContent ......... electron-security/no-allow-running-insecure-content
//    9 No experimentalFeatures ................ electron-security/no-experimental-features
//   10 No enableBlinkFeatures ................. electron-security/no-enable-blink-features
//   11 <webview> allowpopups .................. electron-security/no-webview-allowpopups
//   12 Verify webview options ................. electron-security/require-safe-webview-attachment
//   13 Limit navigation ....................... electron-security/require-navigation-allowlist
//   14 Limit new windows ...................... electron-security/require-window-open-handler
//   15 shell.openExternal with untrusted input  electron-security/no-open-external-with-dynamic-url
//                                               + require-factory (only external-links.ts calls it)
//   16 Current Electron ....................... not lintable (the plugin says so) → CI version check
//   17 Validate IPC senders ................... electron-security/require-ipc-sender-validation — sees only
//                                               `ipcMain.*`, NOT `webContents.ipc.*` (what Airlock uses), so
//                                               the single door below (require-factory + no-restricted-syntax
//                                               on `.ipc.handle/on/...`) keeps all registration in
//                                               ipc-binding.ts, whose guard is unit-tested
//   18 Avoid file://, use a custom protocol ... electron-security/no-file-protocol-load-url
//   19 Fuses .................................. electron-security/require-secure-fuses (JS/TS build configs
//                                               only; electron-builder.yml is YAML → fuse read-back test)
//   20 Don't expose Electron APIs ............. electron-security/no-raw-electron-api-exposure (type-aware)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import electronSecurity from 'eslint-plugin-electron-security';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { airlockLintPlugin as airlock } from './scripts/lint/plugin.js';

const ROOT = path.dirname(fileURLToPath(import.meta.url));


// ─── file sets ───────────────────────────────────────────────────────────────────────────────────────────

const TS = '{ts,tsx,mts,cts}';
const TYPED_TS = [`shared/**/*.${TS}`, `sandbox/**/*.${TS}`, `electron/**/*.${TS}`, `renderer/**/*.${TS}`, `test/**/*.${TS}`, `bench/**/*.${TS}`, `scripts/**/*.${TS}`, '*.{ts,mts}'];
const ALL_CODE = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

// Only these files may call these Electron APIs directly (checklist A, §4, D of electron-hardening.md).
const WINDOW_FACTORY = 'electron/main/secure-window.ts';
const IPC_BINDING = 'electron/main/ipc-binding.ts';
const EXTERNAL_LINKS = 'electron/main/external-links.ts';
const singleDoors = [
  ...['BrowserWindow', 'BaseWindow', 'BrowserView', 'WebContentsView'].map((api) => ({ api, use: 'createSecureWindow', allowIn: [WINDOW_FACTORY] })),
  ...['handle', 'handleOnce', 'on', 'once', 'addListener'].map((m) => ({ api: `ipcMain.${m}`, use: 'bindIpc', allowIn: [IPC_BINDING] })),
  { api: 'shell.openExternal', use: 'createExternalOpener', allowIn: [EXTERNAL_LINKS] },
];

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'scratch/', 'test-results/', 'bench/results/', 'coverage/', '.sandbox/', 'out/', 'release/']),

  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  // Plain JS (this file, future build/ hooks): Node ESM/CJS.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },

  // All TypeScript: syntactic typescript-eslint recommended. This is all that sandbox/ (a separate program,
  // outside tsconfig.json) and any stray .ts (build/, docs/) get until they have a tsconfig of their own.
  {
    files: [`**/*.${TS}`],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  // TypeScript in the project (tsconfig.json): type-aware.
  {
    files: TYPED_TS,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
  },
  {
    files: [`**/*.${TS}`],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // Service methods are async by contract (they will do I/O) even where today's body is synchronous.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Tests: vitest's `expect(fake.method)` idiom passes methods unbound.
  {
    files: [`test/**/*.${TS}`],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },

  // Renderer: browser globals (no Node), React hooks.
  {
    files: [`renderer/**/*.${TS}`],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Electron main and the sandboxed preload (electron/preload/): the security plugin, strict.
  {
    files: [`electron/main/**/*.${TS}`, `electron/preload/**/*.${TS}`],
    extends: [electronSecurity.configs.strict, electronSecurity.configs['recommended-type-checked']],
    rules: {
      'electron-security/require-factory': ['error', { factories: singleDoors }],
      // Handlers are installed by permission-guards.ts (denyAllPermissions, for defaultSession and every
      // 'session-created'), a file this per-file rule cannot see; the callback(true) check stays on.
      'electron-security/require-permission-request-handler': ['error', { requireHandler: false }],
    },
  },
  // require-factory only sees `ipcMain.*`; Airlock registers on the window's own `webContents.ipc`.
  {
    files: [`electron/**/*.${TS}`],
    ignores: [IPC_BINDING],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(handle|handleOnce|on|once|addListener)$/]:matches([callee.object.property.name='ipc'], [callee.object.name='ipc'])",
          message: `IPC handlers are registered only in ${IPC_BINDING} (bindIpc), which validates the sender.`,
        },
      ],
    },
  },
  // Packaging configs written in JS/TS, should any appear: fuses must be locked down (checklist 19).
  {
    files: ['build/**/*.{js,mjs,cjs,ts,mts,cts}', `scripts/**/*.${TS}`, '*.{js,mjs,cjs,ts,mts}'],
    plugins: { 'electron-security': electronSecurity },
    rules: { 'electron-security/require-secure-fuses': 'error' },
  },

  // Layer allow-lists, for every code file (test/'s list allows anything).
  {
    files: ALL_CODE,
    plugins: { airlock },
    rules: { 'airlock/layer-boundaries': 'error' },
  },
  // A weakened window is refused at the line, not only by the unit test and the security gate.
  {
    files: [`electron/main/**/*.${TS}`],
    plugins: { airlock },
    rules: { 'airlock/secure-web-preferences': 'error' },
  },
]);
