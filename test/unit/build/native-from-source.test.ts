// No install step downloads a binary: native dependencies whose install script is `prebuild-install || node-gyp
// rebuild` (keytar, better-sqlite3) would first try to fetch a prebuilt .node file from GitHub. The project's
// .prebuild-installrc (read by prebuild-install's `rc`, searched from the package's folder upward; npm itself
// never reads it, so npm 11 prints no "unknown config" warning) sets buildFromSource, so prebuild-install stops
// before any request and node-gyp builds from source. This asks prebuild-install itself, from each package's
// folder, what it would do. ssh2's install script is node-gyp alone (its optional crypto binding): where it was
// built, ssh2 must be using it.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
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

describe("ssh2's crypto binding (allowed to build from source: node-gyp, nothing downloaded)", () => {
  it('is allowed to run its install script', () => {
    expect(manifest.allowScripts?.['ssh2']).toBe(true);
  });

  it('loads where it was built: ssh2 then uses it (native AES-GCM / ChaCha20), not its JS ciphers', () => {
    const built = path.join(ROOT, 'node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node');
    // Optional: without a C++ toolchain npm leaves it out and ssh2 uses its JS ciphers.
    if (!existsSync(built)) return;
    const crypto = createRequire(path.join(ROOT, 'package.json'))('ssh2/lib/protocol/crypto.js') as { bindingAvailable: boolean };
    expect(crypto.bindingAvailable).toBe(true);
  });
});
