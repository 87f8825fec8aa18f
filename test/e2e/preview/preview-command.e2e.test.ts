// `npm run preview` spawned as a user runs it. A --no-sandbox run writes its own screenshot, never the sandbox
// run's. When preview fails it says so in one line, exits non-zero and leaves nothing running: a missing
// Chromium is reported before anything starts; a Chromium that will not start is reported after the sandbox
// started, and that sandbox is stopped — its process gone and every port it listened on closed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../../sandbox/environment/environment-file';
import { ROOT } from '../../../scripts/build';
import { screenshotPath } from '../../../scripts/preview';

const stateDirs: string[] = [];
afterEach(async () => {
  for (const dir of stateDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function freshStateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'airlock-preview-fail-'));
  stateDirs.push(dir);
  return dir;
}

function preview(args: readonly string[], chromium = '') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/preview.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, AIRLOCK_CHROMIUM: chromium, DISPLAY: '' },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Processes whose command line names this state folder (the sandbox is started with --state-dir <dir>). */
function processesNaming(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(dir);
      } catch {
        return false; // gone while we looked
      }
    })
    .map(Number);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function portsOf(env: SandboxEnvironment): number[] {
  const fromUrl = (u: string) => Number(new URL(u).port);
  return [...new Set([fromUrl(env.authority), fromUrl(env.armEndpoint), fromUrl(env.bastion.endpoint), env.jumpHost.port, ...Object.values(env.dnsMap.servicePorts)])];
}

describe('npm run preview: screenshots', () => {
  it('--no-sandbox writes its own screenshot, not the sandbox run\'s', async () => {
    const shot = screenshotPath({ section: 'settings', theme: 'dark', sandbox: false });
    await rm(shot, { force: true });
    const run = preview(['--headless', '--no-sandbox', '--section', 'settings', '--theme', 'dark']);
    expect(run.code).toBe(0);
    expect(shot).not.toBe(screenshotPath({ section: 'settings', theme: 'dark', sandbox: true }));
    expect(run.stdout).toContain(`Airlock preview (headless): screenshot at ${path.relative(ROOT, shot)}`);
    expect(path.basename(shot)).toBe('airlock-settings-dark-no-sandbox.png');
    expect(existsSync(shot)).toBe(true);
    // Chromium refuses its sandbox as root: preview then says so in one line, and otherwise says nothing of it.
    const sandboxOff = run.stderr.split('\n').filter((l) => /sandbox is off/.test(l));
    if (process.getuid?.() === 0) expect(sandboxOff).toEqual([expect.stringMatching(/^preview: Chromium's sandbox is off because preview runs as root\b/)]);
    else expect(sandboxOff).toEqual([]);
  });
});

describe('npm run preview: failures stop what preview started', () => {
  it('AIRLOCK_CHROMIUM naming nothing: one line, exit 1, no silent fall-back to another browser, no sandbox started', async () => {
    const stateDir = await freshStateDir();
    const run = preview(['--headless', '--state-dir', stateDir], '/nonexistent/chromium');
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^preview: AIRLOCK_CHROMIUM is set to "\/nonexistent\/chromium", which is not a program/)]);
    expect(run.stdout).not.toMatch(/screenshot at/);
    expect(existsSync(path.join(stateDir, 'environment.json'))).toBe(false);
    expect(processesNaming(stateDir)).toEqual([]);
  });

  it('a Chromium that does not start: one line, exit 1, and the sandbox it started is stopped — process gone, ports closed', async () => {
    const stateDir = await freshStateDir();
    const run = preview(['--headless', '--state-dir', stateDir], '/bin/false');
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'preview: Chromium (/bin/false) could not be started. Check that it is a working Chromium or Chrome (try running it with --version), or set AIRLOCK_CHROMIUM to one that is.',
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    // The sandbox did start (it wrote its environment file) …
    const env = JSON.parse(await readFile(path.join(stateDir, 'environment.json'), 'utf8')) as SandboxEnvironment;
    const ports = portsOf(env);
    expect(ports.length).toBeGreaterThanOrEqual(5);
    // … and nothing of it is left.
    expect(processesNaming(stateDir)).toEqual([]);
    for (const port of ports) expect(await portOpen(port), `port ${port}`).toBe(false);
  });
});
