// The Chromium host keeps Chromium's sandbox on: Playwright adds --no-sandbox unless told otherwise, and the
// stand-in windows load identity providers' pages. No process of the launched browser may run with
// --no-sandbox, and a Chromium that cannot start its sandbox is refused with words saying so, never started
// without it. As root Chromium refuses its sandbox; there preview says so (preview-command.e2e.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumHost, type ChromiumHost } from '../../../electron/preview';
import { RENDERER_DIST } from '../../../scripts/build';
import { ensureRendererBuilt } from '../../harness/ensure-built';

const root = process.getuid?.() === 0;
if (root) console.log('SKIPPED Chromium sandbox e2e (test/e2e/preview): running as root, where Chromium refuses its sandbox.');

/** Command lines of every process below `pid` (Chromium's browser, zygotes, renderers, utilities). */
function descendantCommandLines(pid: number): string[][] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone while we looked
    }
  }
  const below = (p: number): boolean => {
    for (let parent = parentOf.get(p); parent !== undefined && parent > 1; parent = parentOf.get(parent)) if (parent === pid) return true;
    return false;
  };
  return [...parentOf.keys()].filter(below).flatMap((p) => {
    try {
      return [readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').filter(Boolean)];
    } catch {
      return [];
    }
  });
}

let host: ChromiumHost | null = null;

beforeAll(async () => {
  if (root) return;
  await ensureRendererBuilt();
  host = await launchChromiumHost({ rendererDir: RENDERER_DIST, headless: true });
});

afterAll(async () => {
  await host?.close();
});

describe.skipIf(root)('Chromium host: the sandbox stays on', () => {
  it('launches no Chromium process with --no-sandbox', () => {
    const chromiumProcesses = descendantCommandLines(process.pid).filter((argv) => argv.some((a) => a.startsWith('--user-data-dir=')) || argv.some((a) => a.startsWith('--type=')));
    expect(chromiumProcesses.length).toBeGreaterThan(0);
    for (const argv of chromiumProcesses) expect(argv).not.toContain('--no-sandbox');
  });
});

describe.skipIf(root)('Chromium host: a Chromium that cannot start its sandbox', () => {
  it('is not started without it: a typed error says what to allow', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-no-usable-sandbox-'));
    const fake = path.join(dir, 'chromium');
    // What Chromium prints where user namespaces are off (a container's default seccomp profile, for one).
    await writeFile(fake, '#!/bin/sh\necho "[1:1:0101/000000.000000:FATAL:zygote_host_impl_linux.cc(128)] No usable sandbox!" >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const saved = process.env['AIRLOCK_CHROMIUM'];
    process.env['AIRLOCK_CHROMIUM'] = fake;
    try {
      const refused = await launchChromiumHost({ rendererDir: RENDERER_DIST, headless: true }).then(
        () => null,
        (thrown: { code?: string; message?: string; hint?: string }) => thrown,
      );
      expect(refused?.code).toBe('E_UNAVAILABLE');
      expect(refused?.message).toContain('could not start its sandbox');
      expect(refused?.hint).toContain('user namespaces');
    } finally {
      if (saved === undefined) delete process.env['AIRLOCK_CHROMIUM'];
      else process.env['AIRLOCK_CHROMIUM'] = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
