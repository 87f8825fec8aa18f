// electron-builder.yml is YAML, which the ESLint fuse rule cannot read: this test is its guard. What the
// packed output really holds (asar contents, fuses on the binary, the .deb) is checked by
// test/integration/packaging/offline-package.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RELEASE_FUSES } from '../../../build/fuses.mjs';
import { ROOT } from '../../../scripts/build';

interface BuilderConfig {
  electronFuses?: unknown;
  afterPack: unknown;
  asar: unknown;
  asarUnpack: string[];
  files: string[];
  linux: { target: string[]; executableName: string; maintainer: string };
  win: { target: string[]; signtoolOptions?: { signingHashAlgorithms?: string[] } };
  nsis: Record<string, unknown>;
  msi: Record<string, unknown>;
  mac: { target: string[]; entitlements: string; entitlementsInherit: string; hardenedRuntime: boolean; notarize: boolean };
  pkg: Record<string, unknown>;
  publish: unknown;
}

const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder configuration', () => {
  it('flips every fuse to its hardened value (build/fuses.mjs, applied by the afterPack hook)', () => {
    expect(config.electronFuses).toBeUndefined();
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(RELEASE_FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
  });

  it('packs only the built bundles into an asar, without source maps; node_modules rules only exclude', () => {
    expect(config.asar).toBe(true);
    expect(config.files.slice(0, 5)).toEqual(['dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'package.json', '!**/*.map']);
    expect(config.files.slice(5).filter((pattern) => !pattern.startsWith('!node_modules/'))).toEqual([]);
  });

  it('unpacks the native modules', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/keytar/**', 'node_modules/better-sqlite3/**']));
  });

  it('builds the installers admins deploy: NSIS and MSI, dmg and pkg, deb, rpm, tar.gz and AppImage', () => {
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.mac.target).toEqual(['dmg', 'pkg']);
    expect(config.linux.target).toEqual(['deb', 'rpm', 'tar.gz', 'AppImage']);
    expect(config.publish).toBeNull();
  });

  it('installs per machine and never launches after a silent install', () => {
    expect(config.nsis).toMatchObject({ perMachine: true, runAfterFinish: false, oneClick: false });
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
  });

  it('pins the MSI upgrade code, so a new version upgrades the old one in place (and GPO sees one product)', () => {
    expect(config.msi['upgradeCode']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('signs macOS with the hardened runtime and notarizes; Windows signatures are SHA-256 only', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    expect(config.win.signtoolOptions?.signingHashAlgorithms).toEqual(['sha256']);
  });

  it('holds no secret: no password, key, certificate file or client secret in the file', () => {
    const text = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/certificatePassword|certificateFile|clientSecret|CSC_KEY_PASSWORD\s*[:=]|APPLE_APP_SPECIFIC_PASSWORD\s*[:=]|\.p12|\.pfx/i);
  });

  it('keeps macOS entitlements to JIT only', () => {
    const plist = readFileSync(path.join(ROOT, config.mac.entitlements), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toMatch(/allow-unsigned-executable-memory|disable-library-validation/);
  });
});
