// `npm run preview` stopped by Ctrl-C while it starts leaves no temp folder behind — neither the throwaway HOME
// holding the NSS database nor the token-cache folder — and no sandbox: one Ctrl-C stops what preview started
// (its own stop, not Playwright's, which would exit under it), and a second one, which exits at once, leaves
// the cleaning to exit hooks. The child gets a TMPDIR of its own, so what is left in it is what preview left.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { certutilMissing } from '../../harness/certutil';

const missing = certutilMissing();
if (missing) console.log(`SKIPPED preview forced-exit e2e (test/e2e/preview): without certutil preview makes no NSS folder — ${missing}.`);
let root: string | null = null;

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const previewFolders = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('airlock-preview-'));

/** Processes whose command line names this folder (the sandbox child is started with --state-dir <dir>). */
function processesNaming(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Starts preview in its own TMPDIR and waits until both temp folders exist (Chromium runs, services composed). */
async function startedPreview() {
  root ??= await mkdtemp(path.join(tmpdir(), 'airlock-forced-exit-'));
  const run = await mkdtemp(path.join(root, 'run-'));
  const childTmp = path.join(run, 'tmp');
  const stateDir = path.join(run, 'state');
  await mkdir(childTmp);
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/preview.ts', '--headless', '--state-dir', stateDir], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: childTmp, DISPLAY: '', WAYLAND_DISPLAY: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await expect.poll(() => previewFolders(childTmp).length, { timeout: 90_000, interval: 100 }).toBe(2);
  return { child, exited, childTmp, stateDir };
}

describe.skipIf(missing !== null)('npm run preview: Ctrl-C while it starts', () => {
  it('one Ctrl-C: preview stops what it started and exits 0, with no folder and no sandbox left', async () => {
    const { child, exited, childTmp, stateDir } = await startedPreview();
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(previewFolders(childTmp)).toEqual([]);
    expect(processesNaming(stateDir)).toEqual([]);
  });

  it('a second Ctrl-C exits at once and still leaves no airlock-preview-* folder in TMPDIR', async () => {
    const { child, exited, childTmp, stateDir } = await startedPreview();
    // Ctrl-C until it is gone: the first asks preview to stop, the next one exits at once (process.exit).
    const interrupt = setInterval(() => child.kill('SIGINT'), 100);
    const [code] = await exited.finally(() => clearInterval(interrupt));
    expect(code).toBe(1); // the forced path, not a graceful stop
    expect(previewFolders(childTmp)).toEqual([]);
    await expect.poll(() => processesNaming(stateDir), { timeout: 30_000 }).toEqual([]);
  });
});
