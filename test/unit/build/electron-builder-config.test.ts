// electron-builder.yml is YAML, which the ESLint fuse rule cannot read: this test is its guard.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../../scripts/build';

interface BuilderConfig {
  electronFuses: unknown;
  asar: unknown;
  files: unknown;
  nsis: unknown;
  msi: unknown;
  mac: { entitlements: string };
}

const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder configuration', () => {
  it('flips every fuse to its hardened value', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only the built bundles into an asar, without source maps', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'package.json', '!**/*.map']);
  });

  it('installs per machine and never launches after a silent install', () => {
    expect(config.nsis).toMatchObject({ perMachine: true, runAfterFinish: false, oneClick: false });
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
  });

  it('keeps macOS entitlements to JIT only', () => {
    const plist = readFileSync(path.join(ROOT, config.mac.entitlements), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toMatch(/allow-unsigned-executable-memory|disable-library-validation/);
  });
});
