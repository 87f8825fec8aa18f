// Builds the three bundles into dist/: main (Node, Electron's), preload (sandboxed), renderer (browser).
// One file each for main and preload, so the sandboxed preload needs nothing but 'electron' and main loads fast;
// the renderer is app.js plus lazily loaded chunks.
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCsp, NONCE_PLACEHOLDER } from '../electron/services/ui-bundle';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const RENDERER_DIST = path.join(DIST, 'renderer');

export type BuildMode = 'development' | 'production';
export type BuildTarget = 'main' | 'preload' | 'renderer';

/**
 * What main.cjs loads from node_modules at run time instead of carrying it: native modules (keytar, the WAM
 * runtime, the audit trail's SQLite), the policy engine's wasm (read from beside its own JS), electron itself
 * and ssh2, which finds files beside its own JS that a bundle cannot carry: Pageant's helper (util/pagent.exe)
 * and, under Node (the CLI, tests, benches), its native crypto binding (lib/protocol/crypto/build/Release/
 * sshcrypto.node, built from source at install: AES-GCM and ChaCha20 with one cipher context per direction
 * instead of a new one per packet). The installer leaves that binding out: it is built for Node's ABI, which
 * Electron refuses, so the app uses ssh2's JS ciphers (electron-builder.yml).
 * electron-builder.yml's `files` must keep each of them and what they need
 * (test/unit/build/packaged-dependencies.test.ts), except what OPTIONAL_MAIN_EXTERNALS names.
 */
export const MAIN_EXTERNALS = ['electron', 'keytar', '@azure/msal-node-extensions', 'better-sqlite3', '@cedar-policy/cedar-wasm', 'ssh2'] as const;
/** Packages main loads that the app runs without: Electron provides `electron`; ssh2 requires cpu-features inside a try, and Airlock does not ship it. */
export const OPTIONAL_MAIN_EXTERNALS: readonly string[] = ['electron', 'cpu-features'];

function optionsFor(target: BuildTarget, mode: BuildMode, outDir: string, plugins: Plugin[]): BuildOptions {
  const common: BuildOptions = {
    plugins,
    bundle: true,
    logLevel: 'warning',
    minify: mode === 'production',
    sourcemap: mode === 'development' ? 'linked' : false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
  };
  switch (target) {
    case 'main':
      return { ...common, entryPoints: [path.join(ROOT, 'electron/main/entry.ts')], outfile: path.join(outDir, 'main/main.cjs'), platform: 'node', format: 'cjs', target: 'node22', external: [...MAIN_EXTERNALS], define: {} };
    case 'preload':
      return { ...common, entryPoints: [path.join(ROOT, 'electron/preload/preload.ts')], outfile: path.join(outDir, 'preload/preload.cjs'), platform: 'browser', format: 'cjs', target: 'chrome140', external: ['electron'] };
    case 'renderer':
      // ES modules with splitting, so what screens import() (the payload editor's CodeMirror) is its own chunk
      // under chunks/ and the first load carries only app.js. index.html loads app.js as a module (see below).
      return { ...common, entryPoints: { app: path.join(ROOT, 'renderer/main.tsx') }, outdir: path.join(outDir, 'renderer'), splitting: true, chunkNames: 'chunks/[name]-[hash]', platform: 'browser', format: 'esm', target: 'chrome140', jsx: 'automatic' };
  }
}

export interface BuildRequest {
  readonly mode?: BuildMode;
  readonly targets?: readonly BuildTarget[];
  /** Where the bundles go, laid out like dist/ (default dist/). The security gate builds into a temp dir. */
  readonly outDir?: string;
  /** esbuild plugins for every target; the gate's tests use one to weaken the source in memory. */
  readonly plugins?: readonly Plugin[];
}

export async function buildAll(options: BuildRequest = {}): Promise<void> {
  const mode = options.mode ?? 'production';
  const targets = options.targets ?? (['main', 'preload', 'renderer'] as const);
  const outDir = options.outDir ?? DIST;
  const rendererDir = path.join(outDir, 'renderer');
  if (targets.length === 3) await rm(outDir, { recursive: true, force: true });
  await Promise.all(targets.map((t) => build(optionsFor(t, mode, outDir, [...(options.plugins ?? [])]))));
  if (targets.includes('renderer')) {
    await mkdir(rendererDir, { recursive: true });
    await cp(path.join(ROOT, 'renderer', 'base.css'), path.join(rendererDir, 'base.css'));
    const html = await readFile(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    const metaCsp = buildCsp({ styleNonce: NONCE_PLACEHOLDER, delivery: 'meta' });
    // app.js is an ES module (code splitting needs one): same origin, so script-src 'self' covers its chunks.
    const moduleHtml = html.replace('<script src="app.js"></script>', '<script type="module" src="app.js"></script>');
    await writeFile(path.join(rendererDir, 'index.html'), moduleHtml.replace('__AIRLOCK_META_CSP__', metaCsp));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mode: BuildMode = process.argv.includes('--dev') ? 'development' : 'production';
  const started = performance.now();
  await buildAll({ mode });
  console.log(`built dist/ (${mode}) in ${Math.round(performance.now() - started)} ms`);
}
