// The release packaging, checked offline (issue 12): electron-builder.yml packs `--linux dir` against a
// stand-in Electron dist, and the output is read back — what app.asar holds (only what runs), which native
// modules sit unpacked beside it, the fuses on the binary, the packed package.json — then turned into a .deb
// whose control file, file list, permissions and maintainer scripts are read with dpkg-deb.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASE_FUSES } from '../../../build/fuses.mjs';
import { buildAll, DIST, ROOT } from '../../../scripts/build';
import { buildDeb, controlFields, debEntries, dpkgDeb, hasDpkgDeb } from '../../support/packaging/deb';
import { packageLinuxDir, type PackagedApp } from '../../support/packaging/package-offline';

/**
 * The packages main.cjs loads from node_modules at run time (scripts/build.ts `external`, less 'electron'),
 * and what they require in turn. Everything else is bundled by esbuild, so anything else in the asar is dead
 * weight at best and a sandbox or dev tool at worst.
 */
const RUNTIME_PACKAGES = [
  'keytar',
  'better-sqlite3',
  'bindings', // better-sqlite3 finds its .node through it
  'file-uri-to-path', // bindings' one dependency
  '@azure/msal-node-extensions', // the Windows broker (WAM)
  '@azure/msal-node-runtime', // its native runtime
  '@cedar-policy/cedar-wasm', // the policy engine's wasm
  'ssh2', // the SSH jump route: Pageant's helper is a file beside its JS
  'asn1', // ssh2's key parsing
  'safer-buffer', // asn1's one dependency
  'bcrypt-pbkdf', // ssh2: passphrase-protected OpenSSH keys
  'tweetnacl', // bcrypt-pbkdf's one dependency
];
/** Native modules: must load from app.asar.unpacked (a .node cannot be dlopen()ed from inside an asar). */
const NATIVE = [
  { pkg: 'keytar', file: 'build/Release/keytar.node' },
  { pkg: 'better-sqlite3', file: 'build/Release/better_sqlite3.node' },
];
/** Only the sandbox (the local stand-in for Azure) uses these: never shipped. */
const SANDBOX_ONLY = ['oidc-provider', 'jose', 'node-forge'];

const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; main: string; devDependencies: Record<string, string> };

let work: string;
let app: PackagedApp;
let asarPath: string;
let entries: string[];

beforeAll(async () => {
  // npm test builds dist/ first; a file run on its own builds it here.
  if (!['main/main.cjs', 'preload/preload.cjs', 'renderer/index.html'].every((file) => existsSync(path.join(DIST, file)))) {
    await buildAll({ mode: 'production' });
  }
  work = mkdtempSync(path.join(os.tmpdir(), 'airlock-package-'));
  app = await packageLinuxDir(work);
  asarPath = path.join(app.appOutDir, 'resources', 'app.asar');
  entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.split(path.sep).join('/'));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The node_modules package an asar path belongs to ('@scope/name' or 'name'), or null outside node_modules. */
function packageOf(entry: string): string | null {
  const parts = entry.split('/').filter(Boolean);
  if (parts[0] !== 'node_modules' || !parts[1]) return null;
  return parts[1].startsWith('@') ? (parts[2] ? `${parts[1]}/${parts[2]}` : parts[1]) : parts[1];
}

describe('app.asar holds only what runs', () => {
  it('has the three bundles and package.json', () => {
    expect(entries).toEqual(expect.arrayContaining(['/package.json', '/dist/main/main.cjs', '/dist/preload/preload.cjs', '/dist/renderer/index.html', '/dist/renderer/app.js']));
  });

  it('has nothing outside dist/main, dist/preload, dist/renderer, package.json and the run-time packages', () => {
    const allowed = (entry: string) => {
      if (entry === '/package.json' || entry === '/dist' || /^\/dist\/(main|preload|renderer)(\/|$)/.test(entry)) return true;
      if (entry === '/node_modules' || entry === '/node_modules/@azure' || entry === '/node_modules/@cedar-policy') return true;
      const owner = packageOf(entry);
      return owner !== null && RUNTIME_PACKAGES.includes(owner);
    };
    expect(entries.filter((entry) => !allowed(entry))).toEqual([]);
  });

  it('has no source maps, TypeScript, tests, bench, sandbox or build inputs of the native modules', () => {
    const unwanted = entries.filter((entry) => /\.(map|ts|tsx|gyp|cc|c|h)$|\/(sandbox|test|tests|bench|src|deps|obj\.target)(\/|$)/.test(entry));
    expect(unwanted).toEqual([]);
  });

  it('has no devDependency and none of the sandbox-only packages', () => {
    const packed = new Set(entries.map(packageOf).filter((name): name is string => name !== null));
    const dev = Object.keys(pkg.devDependencies);
    expect([...packed].filter((name) => dev.includes(name) || SANDBOX_ONLY.includes(name))).toEqual([]);
  });

  it('packs package.json with main pointing at the main bundle and the project version', () => {
    const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as { main: string; version: string; airlockSigned?: boolean };
    expect(packed.main).toBe('dist/main/main.cjs');
    // Not a release build (scripts/release/build-release.ts stamps it after the signing check): unsigned.
    expect(packed.airlockSigned).toBeUndefined();
    expect(packed.version).toBe(pkg.version);
    expect(entries).toContain(`/${packed.main}`);
  });
});

describe('native modules', () => {
  it.each(NATIVE)('$pkg is unpacked beside the asar', ({ pkg: name, file }) => {
    // keytar is optional: where npm could not build it (no libsecret) there is nothing to ship.
    if (!existsSync(path.join(ROOT, 'node_modules', name, file))) return;
    expect(existsSync(path.join(`${asarPath}.unpacked`, 'node_modules', name, file))).toBe(true);
    expect((statFile(asarPath, `node_modules/${name}/${file}`) as { unpacked?: boolean }).unpacked).toBe(true);
  });

  it("does not ship ssh2's crypto binding (built for Node's ABI, which Electron refuses)", () => {
    // (Pageant's helper, util/pagent.exe, is a Windows program: electron-builder leaves it out of this Linux package.)
    expect(entries.filter((entry) => entry.startsWith('/node_modules/ssh2/lib/protocol/crypto/'))).toEqual(['/node_modules/ssh2/lib/protocol/crypto/poly1305.js']);
  });

  it('leaves no .node file inside the asar itself', () => {
    const packedNative = entries.filter((entry) => entry.endsWith('.node') && !(statFile(asarPath, entry.slice(1)) as { unpacked?: boolean }).unpacked);
    expect(packedNative).toEqual([]);
  });
});

describe('fuses on the packaged binary', () => {
  it('reads back exactly the release fuses, one per fuse on the wire', async () => {
    const wire = await getCurrentFuseWire(app.executable);
    const expected: Record<string, string> = {};
    for (const [name, on] of Object.entries(RELEASE_FUSES)) expected[String(FuseV1Options[name as keyof typeof FuseV1Options])] = on ? '1' : '0';
    const actual: Record<string, string> = {};
    for (const [index, state] of Object.entries(wire)) if (index !== 'version') actual[index] = String.fromCharCode(state as number);
    expect(actual).toEqual(expected);
  });

  it('has RunAsNode, NODE_OPTIONS, inspect and file:// privileges off; cookie encryption, ASAR integrity and asar-only on', async () => {
    const wire = await getCurrentFuseWire(app.executable);
    const on = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number) === '1';
    expect(on(FuseV1Options.RunAsNode)).toBe(false);
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
  });
});

describe('the .deb', () => {
  const dpkg = hasDpkgDeb();
  if (!dpkg) console.log('packaging: dpkg-deb is not installed, so the .deb checks are skipped (apt-get install dpkg)');
  let deb: string;
  beforeAll(async () => {
    if (dpkg) deb = await buildDeb(app.appOutDir, path.join(work, 'deb'), app.config);
  }, 120_000);

  it.skipIf(!dpkg)('has the control fields: package, version, architecture, maintainer, dependencies', () => {
    const fields = controlFields(dpkgDeb(['-f', deb]));
    expect(fields.get('Package')).toBe('airlock');
    expect(fields.get('Version')).toBe(pkg.version);
    expect(fields.get('Architecture')).toBe('amd64');
    expect(fields.get('Maintainer')).toBe(app.config.linux?.maintainer);
    expect(fields.get('Priority')).toBe('optional');
    // libsecret: keytar's Secret Service client; gtk3 and nss: Electron's own.
    expect(fields.get('Depends')).toMatch(/libsecret-1-0/);
    expect(fields.get('Depends')).toMatch(/libgtk-3-0/);
    expect(fields.get('Depends')).toMatch(/libnss3/);
  });

  it.skipIf(!dpkg)('installs the app under /usr/lib/airlock with a launcher and a desktop entry', () => {
    const paths = debEntries(dpkgDeb(['-c', deb])).map((entry) => entry.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        './usr/lib/airlock/airlock',
        './usr/lib/airlock/resources/app.asar',
        './usr/lib/airlock/chrome-sandbox',
        './usr/bin/airlock',
        './usr/share/applications/airlock.desktop',
      ]),
    );
    expect(paths.filter((p) => p.startsWith('./usr/lib/airlock/resources/app.asar.unpacked/node_modules/better-sqlite3/')).length).toBeGreaterThan(0);
    // Nothing outside /usr (no /etc, /opt, /var, /home): policy.json in /etc/airlock is the admin's file.
    expect(paths.filter((p) => !p.startsWith('./usr/') && p !== './' && p !== './usr/')).toEqual([]);
  });

  it.skipIf(!dpkg)('is root-owned, has no world-writable file, and only chrome-sandbox is setuid', () => {
    const files = debEntries(dpkgDeb(['-c', deb]));
    expect(files.filter((entry) => entry.owner !== 'root/root')).toEqual([]);
    // Symlinks show lrwxrwxrwx and are not writable through; everything else must not be o+w.
    expect(files.filter((entry) => !entry.mode.startsWith('l') && entry.mode[8] === 'w')).toEqual([]);
    const setuid = files.filter((entry) => /^[-d]..[sS]/.test(entry.mode)).map((entry) => entry.path);
    expect(setuid).toEqual(['./usr/lib/airlock/chrome-sandbox']);
    expect(files.find((entry) => entry.path === './usr/lib/airlock/chrome-sandbox')?.mode).toBe('-rwsr-xr-x');
  });

  it.skipIf(!dpkg)('has no maintainer scripts: installing runs no code as root', () => {
    const info = dpkgDeb(['-I', deb]);
    expect(info).not.toMatch(/\b(preinst|postinst|prerm|postrm|config)\b/);
    expect(statSync(deb).size).toBeGreaterThan(0);
  });
});
