// package-lock.json's root entry must say what package.json says, the way npm writes it; otherwise the first
// `npm install` on a fresh clone rewrites the lockfile and leaves the work tree dirty (issue 8: a duplicate
// "@azure/msal-node-extensions" under the root's dependencies). npm keeps an optional dependency only under
// optionalDependencies and marks a package with its own install scripts (our postinstall) hasInstallScript.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';

type Deps = Record<string, string>;
interface Manifest {
  name: string;
  version: string;
  license?: string;
  scripts?: Record<string, string>;
  dependencies?: Deps;
  devDependencies?: Deps;
  optionalDependencies?: Deps;
  peerDependencies?: Deps;
  engines?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { name: string; version: string; packages: Record<string, Record<string, unknown>> };

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** The root entry npm would write for this package.json (fields it leaves out when empty are left out here too). */
function expectedRoot(): Record<string, unknown> {
  const optional = manifest.optionalDependencies ?? {};
  const dependencies = Object.fromEntries(Object.entries(manifest.dependencies ?? {}).filter(([name]) => !(name in optional)));
  const entry: Record<string, unknown> = {
    name: manifest.name,
    version: manifest.version,
    hasInstallScript: INSTALL_SCRIPTS.some((script) => manifest.scripts?.[script]) || undefined,
    license: manifest.license,
    dependencies,
    devDependencies: manifest.devDependencies,
    engines: manifest.engines,
    optionalDependencies: manifest.optionalDependencies,
    peerDependencies: manifest.peerDependencies,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined && !(typeof value === 'object' && value !== null && Object.keys(value).length === 0)));
}

describe('package-lock.json', () => {
  it('names the same package and version as package.json', () => {
    expect({ name: lock.name, version: lock.version }).toEqual({ name: manifest.name, version: manifest.version });
  });

  it('has the root entry npm install would write, so a fresh install leaves the tree clean', () => {
    expect(lock.packages['']).toEqual(expectedRoot());
  });

  it('locks every direct dependency', () => {
    const direct = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies };
    expect(Object.keys(direct).filter((name) => !lock.packages[`node_modules/${name}`])).toEqual([]);
  });
});
