// The real ManagedPreferencesReader: the machine-wide forced preferences file for a bundle id under
// /Library/Managed Preferences, converted to JSON by macOS's own /usr/bin/plutil. Runs only on macOS —
// anywhere else it refuses before starting anything. The file must be root's and not writable by others
// (as the Linux file); no shell, never follows a link.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { unsafeBecause } from './file-safety';
import { MACOS_MANAGED_PREFERENCES, type ManagedPreferencesReader } from './managed-preferences-source';
import type { RunProcess } from './reg-query-reader';

export interface PlutilReaderOptions {
  readonly platform?: NodeJS.Platform;
  readonly directory?: string;
  readonly run?: RunProcess;
}

const runExecFile: RunProcess = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { encoding: 'utf8', maxBuffer: 2 * 1024 * 1024, timeout: 15_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });

export function createPlutilReader(options: PlutilReaderOptions = {}): ManagedPreferencesReader {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runExecFile;
  return {
    async read(bundleId) {
      if (platform !== 'darwin') throw new Error('The managed preferences reader runs only on macOS.');
      if (!/^[A-Za-z0-9.-]{1,128}$/.test(bundleId)) throw new Error('not a bundle id');
      const file = path.join(options.directory ?? MACOS_MANAGED_PREFERENCES, `${bundleId}.plist`);
      let stats;
      try {
        stats = await fs.lstat(file);
      } catch {
        return null;
      }
      if (!stats.isFile()) throw new Error('the managed preferences file is not a regular file');
      const unsafe = unsafeBecause(stats, 'file', [0]);
      if (unsafe) throw new Error(unsafe);
      const result = await run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', '--', file]);
      if (result.code !== 0) throw new Error('plutil could not read the managed preferences');
      const values = JSON.parse(result.stdout) as unknown;
      if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new Error('the managed preferences are not a dictionary');
      return { path: file, values: values as Record<string, unknown> };
    },
  };
}
