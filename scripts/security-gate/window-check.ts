// Airlock's own gate check: the EFFECTIVE webPreferences of every window the built main bundle makes at start,
// and (app-trust-check.ts) what it does app-wide. Electronegativity reads `new BrowserWindow({...})` literals
// only, so it cannot see values that come from a function (secure-window.ts builds them in
// secureWebPreferences), a spread, or a minified `!1`. Here the bundle is run under a recording 'electron'
// (window-probe.ts, in a child process) and what it actually passed is judged, by the same table as the lint
// rule (scripts/lint/secure-web-preferences-table.js). Production semantics: the probe reports a packaged app,
// so DevTools must be off.
//
// It never trusts an existing dist/: it is handed a build directory the gate has just made.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NEVER_SET_WEB_PREFERENCES, SECURE_WEB_PREFERENCES } from '../lint/secure-web-preferences-table.js';
import { judgeAppTrust } from './app-trust-check';
import type { Finding } from './electronegativity-scan';
import { gateFinding } from './gate-finding';
import type { ProbedWindow, ProbeReport } from './probe-report';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
export const WINDOW_FINDING_ID = 'AIRLOCK_WEB_PREFERENCES';

/** Each must be present with exactly this value (explicit, not Electron's default of the day). */
export const REQUIRED_WEB_PREFERENCES: Readonly<Record<string, boolean>> = { ...SECURE_WEB_PREFERENCES, devTools: false };
/** Each must be absent (or empty): it switches on what the list above switches off. */
export const FORBIDDEN_WEB_PREFERENCES = NEVER_SET_WEB_PREFERENCES;
/** Kinds that host web content; a BaseWindow has none. */
const WEB_KINDS = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

export interface WindowCheckResult {
  readonly windows: ProbedWindow[];
  readonly blocking: Finding[];
}

const finding = (setting: string, sample: string, description: string): Finding => gateFinding(WINDOW_FINDING_ID, setting, sample, description);

/** Judges what the probe saw. `buildDir` is where the preload of this build lives. */
export function judgeWindows(report: ProbeReport, buildDir: string): Finding[] {
  const out: Finding[] = [];
  for (const failure of report.failures) out.push(finding('start', `start failed: ${failure}`.slice(0, 200), 'The built main bundle failed while starting, so its windows could not be checked.'));
  if (!report.enableSandboxBeforeReady) {
    out.push(finding('app.enableSandbox', 'app.enableSandbox() not called before ready', 'Every renderer must be sandboxed app-wide (app.enableSandbox() before ready).'));
  }
  const browserWindows = report.windows.filter((w) => w.kind === 'BrowserWindow');
  if (browserWindows.length === 0) out.push(finding('window', 'no BrowserWindow was made at start', 'The gate could not see the main window, so it cannot vouch for it.'));

  const expectedPreload = path.join(buildDir, 'preload', 'preload.cjs');
  report.windows.forEach((window, index) => {
    if (!WEB_KINDS.has(window.kind)) return;
    const where = `${window.kind} #${index + 1}`;
    const prefs = window.webPreferences ?? {};
    for (const [key, required] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
      if (prefs[key] !== required) out.push(finding(key, `${key}: ${JSON.stringify(prefs[key]) ?? 'not set'} (must be ${String(required)})`, `${where}: webPreferences.${key} must be ${String(required)}.`));
    }
    for (const key of FORBIDDEN_WEB_PREFERENCES) {
      if (prefs[key] !== undefined && prefs[key] !== '') out.push(finding(key, `${key}: ${JSON.stringify(prefs[key])} (must not be set)`, `${where}: webPreferences.${key} must not be set.`));
    }
    if (window.kind === 'BrowserWindow') {
      const preload = prefs['preload'];
      if (typeof preload !== 'string' || path.resolve(preload) !== expectedPreload || !existsSync(expectedPreload)) {
        out.push(finding('preload', `preload: ${JSON.stringify(preload) ?? 'not set'} (must be this build's preload/preload.cjs)`, `${where}: the window must load Airlock's preload and no other.`));
      }
    }
  });
  return out;
}

/** Bundles the probe next to the build and runs it with plain node on main/main.cjs. */
export async function probeBuiltMain(buildDir: string): Promise<ProbeReport> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'airlock-gate-probe-'));
  try {
    const probe = path.join(work, 'window-probe.cjs');
    const reportFile = path.join(work, 'report.json');
    await build({ entryPoints: [path.join(HERE, 'window-probe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
    // Plain node (no tsx or test-runner hooks); the bundle's externals (keytar, ...) resolve from the repo.
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') };
    delete env['NODE_OPTIONS'];
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [probe, path.join(buildDir, 'main', 'main.cjs'), reportFile, path.join(work, 'userData')], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString('utf8')).slice(-4000)));
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit, stderr: err }));
    });
    if (code !== 0 || !existsSync(reportFile)) {
      const failure = `the probe exited with ${String(code)}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
      return { windows: [], loadedUrls: [], enableSandboxBeforeReady: false, failures: [failure], commandLine: [], listeners: [], trustCalls: [], envChanged: [], nodeTls: { globalAgentRejectUnauthorized: null, defaultMinVersion: '' } };
    }
    return JSON.parse(await readFile(reportFile, 'utf8')) as ProbeReport;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function checkBuiltWindows(buildDir: string): Promise<WindowCheckResult> {
  const report = await probeBuiltMain(buildDir);
  return { windows: report.windows, blocking: [...judgeWindows(report, buildDir), ...judgeAppTrust(report)] };
}
