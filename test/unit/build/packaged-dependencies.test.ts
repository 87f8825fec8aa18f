// What the installer packs besides dist/: electron-builder copies the production dependency tree (package.json's
// dependencies + optionalDependencies and everything they pull in, as package-lock.json resolves it) into the
// app. The sandbox is a separate program that plays Azure on a developer's machine; its packages (an OIDC
// server, a CA, an SSH server...) must never ship inside Airlock. This computes that tree from the lockfile
// and checks it against the packages the source folders import.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAIN_EXTERNALS, OPTIONAL_MAIN_EXTERNALS, ROOT } from '../../../scripts/build';

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

/** Files under `dir` (absolute) whose names match `extensions`, its nested node_modules aside. */
function filesUnder(dir: string, extensions: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => extensions.test(file) && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(dir, file));
}

/** Package names the files import: static, type-only, side-effect and dynamic imports and require(). */
function packagesImportedIn(files: readonly string[]): Set<string> {
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'".][^'"]*)['"]/g;
  const names = new Set<string>();
  for (const file of files) {
    for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(specifier)) {
      if (spec.startsWith('node:') || spec.startsWith('/')) continue;
      const parts = spec.split('/');
      names.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec));
    }
  }
  return names;
}

/** Package names the repository's folders import. */
function packagesImportedBy(...dirs: string[]): Set<string> {
  return packagesImportedIn(dirs.flatMap((dir) => filesUnder(path.join(ROOT, dir), /\.(ts|tsx|mts|cts|js|mjs|cjs)$/)));
}

/** Package names an installed package's own JS imports or requires; an optional package npm could not build here (keytar without libsecret) is not on disk, so nothing. */
function packagesIn(dir: string): Set<string> {
  return existsSync(dir) ? packagesImportedIn(filesUnder(dir, /\.(js|mjs|cjs)$/)) : new Set();
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

  it("packs every package main.cjs loads at run time (the build's externals) and everything those need", () => {
    // electron-builder.yml keeps node_modules as a whitelist written as exclusions: `!node_modules/!(a|b){,/**}`
    // for the top level, `!node_modules/@scope/!(x|y){,/**}` inside a scope. An external the build leaves out
    // of main.cjs but the installer leaves out too would fail only in the packed app, at its first require.
    const files = (parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[] }).files;
    const kept = (prefix: string): Set<string> | null => {
      const pattern = files.find((f) => f.startsWith(`!node_modules/${prefix}!(`));
      const names = pattern?.slice(`!node_modules/${prefix}!(`.length).split(')')[0];
      return names === undefined ? null : new Set(names.split('|'));
    };
    const topLevel = kept('');
    expect(topLevel, 'the top-level node_modules whitelist').not.toBeNull();
    const packs = (name: string): boolean => {
      if (!name.startsWith('@')) return topLevel!.has(name);
      const [scope, pkg] = name.split('/') as [string, string];
      const inScope = kept(`${scope}/`);
      return topLevel!.has(scope) && (inScope === null || inScope.has(pkg));
    };
    /**
     * The package and what it requires at run time, as package-lock.json resolves it: the bare specifiers its own
     * JS files import or require (node's built-ins aside), followed. Declared dependencies alone over-count: the
     * natives declare their build and install helpers (node-addon-api, prebuild-install), and
     * msal-node-extensions carries its own copy of msal-common.
     */
    const runtimeClosure = (name: string): string[] => {
      const found = new Set<string>();
      const visit = (location: string) => {
        const own = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
        for (const dep of packagesIn(path.join(ROOT, location))) {
          // A package the app runs without (ssh2's cpu-features probe, required inside a try) is not followed.
          if (dep === own || builtinModules.includes(dep) || OPTIONAL_MAIN_EXTERNALS.includes(dep)) continue;
          const at = locate(dep, location);
          if (!at || found.has(at)) continue;
          found.add(at);
          visit(at);
        }
      };
      const at = locate(name, '');
      if (at) {
        found.add(at);
        visit(at);
      }
      return [...found].map((at) => at.slice(at.lastIndexOf('node_modules/') + 'node_modules/'.length));
    };
    const required = MAIN_EXTERNALS.filter((name) => !OPTIONAL_MAIN_EXTERNALS.includes(name));
    expect(required.length).toBeGreaterThan(0);
    for (const external of required) {
      const needed = runtimeClosure(external);
      expect(needed, `${external} is installed`).toContain(external);
      expect(needed.filter((name) => !packs(name)), `packed with ${external}`).toEqual([]);
    }
    // The check itself: it follows requires (better-sqlite3 loads its .node through bindings), and a package
    // outside the whitelist is seen as not packed.
    expect(runtimeClosure('better-sqlite3')).toEqual(expect.arrayContaining(['better-sqlite3', 'bindings', 'file-uri-to-path']));
    expect(packs('oidc-provider')).toBe(false);
  });

  it('keeps the sandbox and the tests out of the files electron-builder packs', () => {
    const files = (parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[] }).files;
    for (const pattern of files.filter((f) => !f.startsWith('!'))) {
      expect(pattern, pattern).toMatch(/^(dist\/(main|preload|renderer)\/\*\*|package\.json)$/);
    }
  });
});
