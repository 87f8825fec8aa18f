// Electronegativity (@doyensec/electronegativity 1.10.3) over a directory laid out like dist/ (main/, preload/,
// renderer/), offline and quiet. It reports what it finds; it never builds and never decides what to trust —
// the gate (scripts/electronegativity-gate.ts) hands it a fresh build. It must never reach the network.
//
// Quirks handled here (see docs/electron-hardening.md §7):
// - It scans only .js/.jsx/.ts/.tsx/.html/.htm: our .cjs bundles would be skipped silently. We stage a copy of
//   the build with .cjs/.mjs renamed to .js and map findings back to the build's own paths.
// - It fetches a locale file from S3 at start-up (1 s timeout) and AvailableSecurityFixesGlobalCheck fetches
//   Electron's release index. The global check is excluded and `got` is replaced by an offline stub while the
//   package loads, so the scan makes no network call at all.
// - Its scope analysis (escope, 2015) throws "Unknown node type StaticBlock" on ES2022 class static blocks, which
//   the renderer bundle contains (tabster, via Fluent UI), and then skips the whole file. Staged bundles are
//   therefore re-printed by esbuild with syntax lowered to ES2021 and one statement per line: same code, parseable,
//   and a finding's line/sample points at one statement instead of a 500 KB minified line.
// - Without an Electron version it assumes v0.1.0 defaults (false positives); we pass the installed version.
// - A misspelt check name makes it call process.exit(1), even when used as a library: names are verified first.
// - Its console output (translation warning, etc.) is captured, not printed.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { transform } from 'esbuild';

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
export type Confidence = 'CERTAIN' | 'FIRM' | 'TENTATIVE';

export interface Finding {
  readonly id: string;
  /** Path of the built file relative to the build directory (e.g. renderer/index.html), or 'N/A' for app-wide checks. */
  readonly file: string;
  /** For .js bundles: the line in the re-printed (unminified, ES2021) copy that was scanned; see `sample`. */
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly confidence: Confidence;
  readonly manualReview: boolean;
  readonly sample: string;
  readonly description: string;
  /** For Airlock's own window check: the webPreferences key (or app call) that is not secure. */
  readonly setting?: string;
}

export interface ScanError {
  readonly file: string;
  readonly message: string;
  /** false: the file could not be parsed at all, so nothing in it was checked. */
  readonly tolerable: boolean;
}

export interface ScanResult {
  readonly findings: Finding[];
  readonly errors: ScanError[];
  readonly scannedFiles: string[];
}

/** Needs the network; the pinned-major check lives in CI (checklist item 16). */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'] as const;
const SCANNED_DIRS = ['main', 'preload', 'renderer'] as const;
const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 } as const;
const CONFIDENCE = { TENTATIVE: 0, FIRM: 1, CERTAIN: 2 } as const;

export function isBlocking(f: Pick<Finding, 'severity' | 'confidence' | 'manualReview'>): boolean {
  return SEVERITY[f.severity] >= SEVERITY.MEDIUM && CONFIDENCE[f.confidence] >= CONFIDENCE.FIRM && !f.manualReview;
}

// ─── the package, loaded offline ─────────────────────────────────────────────────────────────────────────

interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: Severity };
  confidence: { name: Confidence };
  manualReview?: boolean;
  sample?: string;
  description?: string;
}
interface RunOptions {
  input: string;
  electronVersionOverride: string;
  excludeFromScan: string[];
  customScan: string[];
  parserPlugins: string[];
  isRelative: boolean;
}
interface RunResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}
type Runner = (options: RunOptions, forCli: boolean) => Promise<RunResult>;

const require = createRequire(import.meta.url);
let runner: Runner | undefined;

function loadRunner(): Runner {
  if (runner) return runner;
  const runnerPath = require.resolve('@doyensec/electronegativity');
  const packageDir = path.dirname(path.dirname(runnerPath));
  const fromPackage = createRequire(runnerPath);

  // Hand the package an offline `got` while it loads; every module that captured it keeps the stub.
  const gotPath = fromPackage.resolve('got');
  const previous = require.cache[gotPath];
  const offline = new Module(gotPath);
  const refuse = () => Promise.reject(new Error('electronegativity gate: network disabled'));
  offline.filename = gotPath;
  offline.loaded = true;
  offline.exports = Object.assign(refuse, { default: refuse });
  require.cache[gotPath] = offline;
  try {
    const globalChecks = (fromPackage(path.join(packageDir, 'dist/finder/checks/GlobalChecks/index.js')) as { GLOBAL_CHECKS: { name: string }[] }).GLOBAL_CHECKS;
    const missing = EXCLUDED_CHECKS.filter((name) => !globalChecks.some((check) => check.name === name));
    if (missing.length > 0) throw new Error(`electronegativity: unknown check(s) ${missing.join(', ')} (it would process.exit)`);
    const loaded = fromPackage(runnerPath) as Runner | { default: Runner };
    runner = typeof loaded === 'function' ? loaded : loaded.default;
  } finally {
    if (previous) require.cache[gotPath] = previous;
    else delete require.cache[gotPath];
  }
  return runner;
}

function electronVersion(): string {
  return (require('electron/package.json') as { version: string }).version;
}

/** Runs `fn` with console output captured instead of printed, and with an English locale. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => [m, Object.getOwnPropertyDescriptor(console, m)] as const);
  const lang = process.env.LANG;
  for (const m of methods) console[m] = () => {};
  process.env.LANG = 'en-US';
  try {
    return await fn();
  } finally {
    for (const [m, descriptor] of saved) if (descriptor) Object.defineProperty(console, m, descriptor);
    if (lang === undefined) delete process.env.LANG;
    else process.env.LANG = lang;
  }
}

// ─── staging ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Copies the scanned bundles to `stage`: .cjs/.mjs renamed to .js, JS re-printed at ES2021 (see top of file).
 * Returns staged path → path of the original relative to `buildDir`.
 */
async function stageBuild(buildDir: string, stage: string): Promise<Map<string, string>> {
  const origin = new Map<string, string>();
  async function copyDir(from: string, to: string): Promise<void> {
    await mkdir(to, { recursive: true });
    for (const entry of await readdir(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) {
        await copyDir(source, path.join(to, entry.name));
        continue;
      }
      const target = path.join(to, entry.name.replace(/\.[cm]js$/, '.js'));
      if (/\.[cm]?js$/.test(entry.name)) {
        const { code } = await transform(await readFile(source, 'utf8'), { loader: 'js', target: 'es2021', charset: 'utf8', logLevel: 'silent' });
        await writeFile(target, code);
      } else {
        await copyFile(source, target);
      }
      origin.set(target, path.relative(buildDir, source).split(path.sep).join('/'));
    }
  }
  for (const dir of SCANNED_DIRS) {
    const source = path.join(buildDir, dir);
    if (existsSync(source)) await copyDir(source, path.join(stage, dir));
  }
  return origin;
}

// ─── the scan ────────────────────────────────────────────────────────────────────────────────────────────

/** Scans main/, preload/ and renderer/ under `buildDir` exactly as they are. */
export async function scanBuiltApp(buildDir: string): Promise<ScanResult> {
  const run = loadRunner();
  const stage = await mkdtemp(path.join(os.tmpdir(), 'airlock-eng-'));
  try {
    const origin = await stageBuild(buildDir, stage);
    const where = (file: string) => origin.get(file) ?? (file === 'N/A' ? file : path.relative(stage, file));
    const result = await quietly(() =>
      run(
        {
          input: stage,
          electronVersionOverride: electronVersion(),
          excludeFromScan: [...EXCLUDED_CHECKS],
          customScan: [],
          parserPlugins: [],
          isRelative: false,
        },
        false,
      ),
    );
    return {
      findings: result.issues.map((issue) => ({
        id: issue.id,
        file: where(issue.file),
        line: issue.location?.line ?? 0,
        column: issue.location?.column ?? 0,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        manualReview: Boolean(issue.manualReview),
        sample: (issue.sample ?? '').slice(0, 200),
        description: issue.description ?? '',
      })),
      errors: result.errors.map((e) => ({ file: where(e.file), message: e.message, tolerable: e.tolerable })),
      scannedFiles: [...origin.values()].filter((f) => /\.(c|m)?js$|\.html?$/.test(f)).sort(),
    };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
