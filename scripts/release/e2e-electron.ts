// The release workflow's real-Electron step: runs test/e2e/electron (start, sign in against the sandbox,
// browse, invoke, audit view) and FAILS when it was skipped — there it means the Electron download did not
// happen, and a release must not pass on a suite that never ran.
//   npx tsx scripts/release/e2e-electron.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../build';

export interface VitestSummary {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
}

/** Null when the run counts; otherwise why it does not. */
export function e2eVerdict(summary: VitestSummary, exitCode: number | null): string | null {
  if (exitCode !== 0 || summary.numFailedTests > 0) return `${summary.numFailedTests} real-Electron test(s) failed`;
  if (summary.numPendingTests + summary.numTodoTests > 0 || summary.numPassedTests === 0) return 'the real-Electron suite was skipped (no Electron binary?): a release needs it to run';
  return null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = path.join(ROOT, 'test-results', 'e2e-electron.json');
  mkdirSync(path.dirname(report), { recursive: true });
  const vitest = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'vitest.cmd' : 'vitest');
  const run = spawnSync(vitest, ['run', '--project', 'e2e', 'test/e2e/electron', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  const verdict = e2eVerdict(JSON.parse(readFileSync(report, 'utf8')) as VitestSummary, run.status);
  if (verdict) {
    console.error(`e2e-electron: ${verdict}`);
    process.exit(1);
  }
  console.log('e2e-electron: the real-Electron suite ran and passed');
}
