// No install step downloads a binary: native dependencies whose install script is `prebuild-install || node-gyp
// rebuild` (keytar, better-sqlite3) would first try to fetch a prebuilt .node file from GitHub. The project's
// .prebuild-installrc (read by prebuild-install's `rc`, searched from the package's folder upward; npm itself
// never reads it, so npm 11 prints no "unknown config" warning) sets buildFromSource, so prebuild-install stops
// before any request and node-gyp builds from source. This asks prebuild-install itself, from each package's
// folder, what it would do.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';

interface Manifest {
  readonly allowScripts?: Record<string, boolean>;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** The packages npm may run install scripts for whose script starts with prebuild-install. */
function prebuildInstallUsers(): string[] {
  return Object.entries(manifest.allowScripts ?? {})
    .filter(([, allowed]) => allowed)
    .map(([name]) => name)
    .filter((name) => {
      const file = path.join(ROOT, 'node_modules', name, 'package.json');
      if (!existsSync(file)) return false;
      const scripts = (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      return /\bprebuild-install\b/.test(scripts['install'] ?? '');
    });
}

/** prebuild-install's own configuration as its bin would compute it, run from the package's folder. */
function prebuildConfigFrom(packageDir: string): { buildFromSource?: unknown } {
  const script = "const rc = require(require.resolve('prebuild-install/rc', { paths: [process.cwd()] })); process.stdout.write(JSON.stringify(rc(require('./package.json'))));";
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_config_build_from_source$/i.test(name)));
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: packageDir, env, encoding: 'utf8' })) as { buildFromSource?: unknown };
}

describe('native dependencies build from source', () => {
  it('better-sqlite3 (the audit trail) is a dependency allowed to run its install script', () => {
    expect(manifest.dependencies?.['better-sqlite3']).toMatch(/^\^12\./);
    expect(manifest.allowScripts?.['better-sqlite3']).toBe(true);
  });

  it('finds the packages that run prebuild-install', () => {
    expect(prebuildInstallUsers()).toContain('better-sqlite3');
  });

  it('prebuild-install never attempts a download for any of them: buildFromSource comes from the project', () => {
    for (const name of prebuildInstallUsers()) {
      expect(prebuildConfigFrom(path.join(ROOT, 'node_modules', name)).buildFromSource, name).toBe(true);
    }
  });
});
