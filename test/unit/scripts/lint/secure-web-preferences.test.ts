// RuleTester for `airlock/secure-web-preferences`: a weakened window is refused at the line in electron/main,
// wherever the options are written (secure-window.ts builds them in a function, which
// eslint-plugin-electron-security does not look into).
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { airlockLintPlugin } from '../../../../scripts/lint/plugin.js';
import { NEVER_SET_WEB_PREFERENCES, SECURE_WEB_PREFERENCES } from '../../../../scripts/lint/secure-web-preferences-table.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const filename = path.resolve(import.meta.dirname, '../../../../electron/main/secure-window.ts');
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' } });
const wrap = (body: string) => `export function secureWebPreferences(options) { return { preload: options.preloadPath, ${body} }; }`;

tester.run('secure-web-preferences', airlockLintPlugin.rules['secure-web-preferences'], {
  valid: [
    wrap('contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false'),
    wrap("webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false, disableBlinkFeatures: 'Auxclick'"),
    wrap('devTools: options.allowDevTools, spellcheck: false'),
    'const { sandbox } = options;', // reading is not setting
  ].map((code) => ({ code, filename })),
  invalid: [
    ...[
      'sandbox: !1',
      'sandbox: options.sandbox',
      "'contextIsolation': false",
      '["sandbox"]: false',
    ].map((body) => ({ code: wrap(body), filename, errors: [{ messageId: 'notSecure' }] })),
    { code: 'const sandbox = false; const prefs = { sandbox };', filename, errors: [{ messageId: 'notSecure' }] },
    { code: 'prefs.contextIsolation = false;', filename, errors: [{ messageId: 'notSecure' }] },
    { code: "prefs['nodeIntegration'] = true;", filename, errors: [{ messageId: 'notSecure' }] },
    { code: wrap("enableBlinkFeatures: 'CSSColorSchemeUARendering'"), filename, errors: [{ messageId: 'neverSet' }] },
    // Every key of the shared table (the gate judges by the same one), each turned the other way.
    ...Object.entries(SECURE_WEB_PREFERENCES).map(([key, value]) => ({ code: wrap(`${key}: ${String(!value)}`), filename, errors: [{ messageId: 'notSecure' }] })),
    ...NEVER_SET_WEB_PREFERENCES.map((key) => ({ code: wrap(`${key}: 'x'`), filename, errors: [{ messageId: 'neverSet' }] })),
  ],
});
