// The airlock command compiled once per test file, so process tests spawn plain `node` on one .mjs file instead
// of the tsx binary for every case (tsx starts a second Node process and compiles TypeScript each time, about
// 1 s a case on a 2-core CI machine). Same source and services, esbuild as tsx uses, packages left to
// node_modules as under tsx. One real tsx run per file that uses this keeps `npm run cli` itself covered.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/build';

export const CLI_SOURCE = path.join(ROOT, 'electron/cli/main.ts');
export const TSX_BIN = path.join(ROOT, 'node_modules', '.bin', 'tsx');

export interface BuiltCli {
  /** The compiled command: spawn process.execPath with [file, ...args]. */
  readonly file: string;
  remove(): void;
}

export async function buildCli(): Promise<BuiltCli> {
  // Inside the repository (node_modules/.cache) so the bundle's bare imports resolve to our node_modules;
  // a folder of its own so test files (and people) building at the same time never share one.
  const cache = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'airlock-cli-test-'));
  const file = path.join(dir, 'airlock.mjs');
  // splitting keeps main.ts's lazy import('../services') lazy, so --help and a wrong flag load no services, as under tsx.
  await build({ entryPoints: { airlock: CLI_SOURCE }, outdir: dir, outExtension: { '.js': '.mjs' }, bundle: true, splitting: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
