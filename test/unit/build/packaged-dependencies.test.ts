// What the installer packs besides dist/: electron-builder copies the production dependency tree (package.json's
// dependencies + optionalDependencies and everything they pull in, as package-lock.json resolves it) into the
// app. The sandbox is a separate program that plays Azure on a developer's machine; its packages (an OIDC
// server, a CA, an SSH server...) must never ship inside Airlock. This computes that tree from the lockfile
// and checks it against the packages the source folders import.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../../scripts/build';

interface LockedPackage {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
interface Manifest extends LockedPackage {
  readonly devDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };

/** Where npm put `name` as seen from the package at `from` (node's lookup: nearest node_modules upward). */
function locate(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return undefined;
  }
}

/** Every package (by name) in the production tree: the closure of dependencies + optionalDependencies. */
function productionTree(): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (location: string, pkg: LockedPackage, optional: ReadonlySet<string>) => {
    const peers = Object.keys(pkg.peerDependencies ?? {}).filter((p) => !pkg.peerDependenciesMeta?.[p]?.optional);
    for (const dep of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...peers]) {
      const at = locate(dep, location);
      if (!at) {
        // An optional dependency for another platform is absent from the lockfile's tree; anything else is a broken lockfile.
        if (!optional.has(dep)) throw new Error(`package-lock.json has no ${dep} for ${location || 'the root'}: run npm install`);
        continue;
      }
      if (seen.has(at)) continue;
      seen.add(at);
      names.add(at.slice(at.lastIndexOf('node_modules/') + 'node_modules/'.length));
      const locked = lock.packages[at] ?? {};
      visit(at, locked, new Set([...Object.keys(locked.optionalDependencies ?? {}), ...Object.keys(locked.peerDependenciesMeta ?? {})]));
    }
  };
  visit('', { dependencies: manifest.dependencies ?? {}, optionalDependencies: manifest.optionalDependencies ?? {} }, new Set(Object.keys(manifest.optionalDependencies ?? {})));
  return names;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(file) && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(ROOT, dir, file));
}

/** Package names a folder imports: static, type-only, side-effect and dynamic imports and require(). */
function packagesImportedBy(...dirs: string[]): Set<string> {
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'".][^'"]*)['"]/g;
  const names = new Set<string>();
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(specifier)) {
      if (spec.startsWith('node:') || spec.startsWith('/')) continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec));
    }
  }
  return names;
}

const APP_FOLDERS = ['electron', 'renderer', 'shared'];
const shipped = productionTree();
const appImports = packagesImportedBy(...APP_FOLDERS);
const sandboxOnly = [...packagesImportedBy('sandbox')].filter((name) => !appImports.has(name)).sort();

describe('packaged dependency set', () => {
  it('finds the sandbox-only packages by what the source folders import', () => {
    // A sanity check of the scan itself: these are the sandbox's own servers and crypto.
    expect(sandboxOnly).toEqual(expect.arrayContaining(['oidc-provider', 'node-forge', 'jose']));
  });

  it('ships no sandbox-only package, directly or through another package', () => {
    expect(sandboxOnly.filter((name) => shipped.has(name))).toEqual([]);
  });

  it('declares as dependencies only what the app itself imports (the rest is for tests, the sandbox or the build)', () => {
    const direct = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})];
    expect(direct.filter((name) => !appImports.has(name))).toEqual([]);
  });

  it('keeps the sandbox and the tests out of the files electron-builder packs', () => {
    const files = (parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[] }).files;
    for (const pattern of files.filter((f) => !f.startsWith('!'))) {
      expect(pattern, pattern).toMatch(/^(dist\/(main|preload|renderer)\/\*\*|package\.json)$/);
    }
  });
});
