// Builds a .deb from a `--linux dir` output with electron-installer-debian (dpkg-deb underneath, offline, no
// fakeroot: it passes --root-owner-group) and reads it back with dpkg-deb. The release's .deb comes from
// electron-builder's fpm toolset, which is downloaded and so cannot run here; this one carries the same app
// directory and the control fields electron-builder.yml sets, which is what the packaging test checks.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import installer from 'electron-installer-debian';
import type { Configuration } from 'electron-builder';

export function hasDpkgDeb(): boolean {
  return spawnSync('dpkg-deb', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function buildDeb(appOutDir: string, dest: string, config: Configuration): Promise<string> {
  const executableName = config.linux?.executableName ?? 'airlock';
  // electron-installer-debian turns src/LICENSE into /usr/share/doc/<name>/copyright and fails without it;
  // electron-builder renames Electron's to LICENSE.electron.txt, and the repo has no LICENSE of its own yet
  // (package.json: UNLICENSED). Electron's stands in, as fpm's deb would carry it too.
  if (!existsSync(path.join(appOutDir, 'LICENSE'))) copyFileSync(path.join(appOutDir, 'LICENSE.electron.txt'), path.join(appOutDir, 'LICENSE'));
  await installer({
    src: appOutDir,
    dest,
    arch: 'amd64',
    name: executableName,
    productName: config.productName ?? 'Airlock',
    bin: executableName,
    maintainer: config.linux?.maintainer ?? undefined,
    section: 'devel',
    priority: config.deb?.priority ?? 'optional',
    // gzip: the test needs a .deb to read, not xz's smaller one (several times slower on 2 cores).
    compression: 'gzip',
    logger: () => undefined,
  });
  const deb = readdirSync(dest).find((name) => name.endsWith('.deb'));
  if (!deb) throw new Error(`electron-installer-debian wrote no .deb into ${dest}`);
  return path.join(dest, deb);
}

export function dpkgDeb(args: readonly string[]): string {
  const result = spawnSync('dpkg-deb', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`dpkg-deb ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** `Field: value` lines of a control file (continuation lines are left out: none of the checked fields wrap). */
export function controlFields(control: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of control.split('\n')) {
    const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) fields.set(match[1], match[2]);
  }
  return fields;
}

export interface DebEntry {
  readonly mode: string;
  readonly owner: string;
  readonly path: string;
}

/** `dpkg-deb -c` lines: "-rwxr-xr-x root/root 35707 2026-12-04 10:31 ./usr/lib/airlock/airlock". */
export function debEntries(listing: string): DebEntry[] {
  return listing
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [mode = '', owner = '', , , , ...rest] = line.split(/\s+/);
      return { mode, owner, path: rest.join(' ').replace(/ -> .*$/, '') };
    });
}
