// Finds the Electron binary without triggering electron's on-demand download (require('electron') would
// try to fetch it from GitHub, which these machines cannot reach).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { readonly found: true; readonly path: string } | { readonly found: false; readonly reason: string };

function executableName(): string {
  if (process.platform === 'win32') return 'electron.exe';
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

export function locateElectronBinary(root: string): ElectronBinary {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const candidate = path.join(override, executableName());
    return existsSync(candidate) ? { found: true, path: candidate } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set but ${candidate} does not exist` };
  }
  const pkg = path.join(root, 'node_modules', 'electron');
  if (!existsSync(pkg)) return { found: false, reason: 'the electron package is not installed (run npm install)' };
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { found: false, reason: 'node_modules/electron holds no downloaded binary; its download step did not run' };
  const candidate = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(candidate) ? { found: true, path: candidate } : { found: false, reason: `the Electron binary is missing at ${candidate}` };
}
