// Security gate over the BUILT app, run by `npm run electronegativity` and inside `npm test`. It always builds
// a fresh production app into a temp dir first — an existing dist/ is never scanned, so a stale build can hide
// nothing — then fails on either of:
//   1. Electronegativity findings with severity >= MEDIUM, confidence >= FIRM and no "manual review" flag
//      (security-gate/electronegativity-scan.ts; its CLI exits 0 even with HIGH findings, so it is called
//      programmatically, offline);
//   2. a window whose EFFECTIVE webPreferences are not Airlock's secure set (security-gate/window-check.ts: the
//      built main bundle is started under a recording 'electron' and every window it makes is judged);
//   3. an app-wide weakening seen in that same start (security-gate/app-trust-check.ts): a command-line switch
//      that turns off TLS checks, the sandbox or site isolation or opens a debugger, a certificate-error
//      listener, setCertificateVerifyProc, setProxy, importCertificate, or Node's TLS loosened.
// The gate must never scan a build it did not just make, and never reach the network.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { buildAll } from './build';
import { isBlocking, scanBuiltApp, type Finding, type ScanError } from './security-gate/electronegativity-scan';
import { checkBuiltWindows, type WindowCheckResult } from './security-gate/window-check';

export { isBlocking, scanBuiltApp, type Finding, type ScanError } from './security-gate/electronegativity-scan';

export interface GateResult {
  readonly blocking: Finding[];
  readonly informational: Finding[];
  readonly errors: ScanError[];
  /** Paths relative to the gate's own build directory (main/main.cjs, renderer/index.html, ...). */
  readonly scannedFiles: string[];
  /** That build directory, absolute: a fresh temp dir (never dist/), removed by the time the result is returned. */
  readonly buildDir: string;
}

export interface GateOptions {
  /** esbuild plugins for the build; tests use one to weaken the source in memory and watch the gate fail. */
  readonly plugins?: readonly Plugin[];
}

async function withFreshBuild<T>(targets: 'all' | 'main+preload', options: GateOptions, use: (buildDir: string) => Promise<T>): Promise<T> {
  const buildDir = await mkdtemp(path.join(os.tmpdir(), 'airlock-gate-build-'));
  try {
    await buildAll({ mode: 'production', outDir: buildDir, plugins: options.plugins ?? [], ...(targets === 'all' ? {} : { targets: ['main', 'preload'] as const }) });
    return await use(buildDir);
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

/** Only the window check (main + preload are built, the renderer is not): what the weakening tests run. */
export async function checkEffectiveWindows(options: GateOptions = {}): Promise<WindowCheckResult> {
  return withFreshBuild('main+preload', options, checkBuiltWindows);
}

export async function runElectronegativityGate(options: GateOptions = {}): Promise<GateResult> {
  return withFreshBuild('all', options, async (buildDir) => {
    const [scan, windows] = await Promise.all([scanBuiltApp(buildDir), checkBuiltWindows(buildDir)]);
    const findings = [...scan.findings, ...windows.blocking];
    const byPlace = (a: Finding, b: Finding) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id);
    return {
      blocking: findings.filter(isBlocking).sort(byPlace),
      informational: findings.filter((f) => !isBlocking(f)).sort(byPlace),
      errors: scan.errors,
      scannedFiles: scan.scannedFiles,
      buildDir,
    };
  });
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows.map((r) => '  ' + r.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd()).join('\n');
}

const USAGE = 'usage: npm run electronegativity   (always builds the app fresh into a temp dir, then scans it)';

async function main(args: readonly string[]): Promise<number> {
  // --build is what the gate always does now; it stays accepted so old habits and scripts keep working.
  const unknown = args.filter((a) => a !== '--build');
  if (args.includes('--help')) return console.log(USAGE), 0;
  if (unknown.length > 0) return console.error(`electronegativity: unknown argument '${unknown[0]}'\n${USAGE}`), 2;

  const started = performance.now();
  const { blocking, informational, errors, scannedFiles } = await runElectronegativityGate();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const unparsed = errors.filter((e) => !e.tolerable);

  for (const e of unparsed) console.error(`electronegativity: could not parse ${e.file}, so nothing in it was checked: ${e.message}`);
  if (blocking.length > 0) {
    console.error(`electronegativity: ${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'} (${informational.length} informational) in a fresh build`);
    console.error(table([['ID', 'FILE', 'LINE', 'SEVERITY', 'CONFIDENCE', 'SAMPLE'], ...blocking.map((f) => [f.id, f.file, String(f.line), f.severity, f.confidence, f.sample.slice(0, 80)])]));
  } else {
    console.log(`electronegativity: 0 blocking findings (${informational.length} informational) in a fresh build (${scannedFiles.length} files, window webPreferences and app-wide switches, listeners and trust checked, ${seconds} s)`);
  }
  return blocking.length > 0 || unparsed.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
