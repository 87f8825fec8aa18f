// The security gate sees a weakened window: each hardening setting in electron/main is turned off in memory
// (an esbuild plugin rewrites the source while bundling; the tree is never touched) and the gate must fail,
// naming the setting. The gate builds main itself, so a stale dist/ can never hide the change.
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

/** Bundles `file` with `from` replaced by `to`; throws if `from` is missing, so no case can pass vacuously. */
function weaken(rewrite: Rewrite): Plugin {
  const target = path.join(ROOT, rewrite.file);
  return {
    name: 'weaken-for-test',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (path.resolve(args.path) !== target) return undefined;
        const source = await readFile(target, 'utf8');
        if (!source.includes(rewrite.from)) throw new Error(`weaken: '${rewrite.from}' not found in ${rewrite.file}`);
        return { contents: source.replace(rewrite.from, rewrite.to), loader: 'ts' };
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

  it('the whole gate (fresh build + Electronegativity + window check) fails on contextIsolation: false', async () => {
    const result = await runElectronegativityGate({ plugins: [weaken(WEAKENINGS[0]![1])] });
    expect(result.blocking.map((f) => f.id)).toContain('AIRLOCK_WEB_PREFERENCES');
    expect(result.blocking.find((f) => f.id === 'AIRLOCK_WEB_PREFERENCES')?.sample).toMatch(/^contextIsolation/);
    // It scanned its own fresh build, not dist/.
    expect(result.scannedFiles.some((f) => f.startsWith('dist/'))).toBe(false);
  });
});
