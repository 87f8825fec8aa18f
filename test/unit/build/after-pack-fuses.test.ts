// The afterPack hook that flips the release fuses (build/after-pack.mjs): every fuse set, strictly, so a
// future Electron with a fuse build/fuses.mjs does not name fails the build instead of shipping its default.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import afterPack, { packedBinary, releaseFuseConfig } from '../../../build/after-pack.mjs';
import { RELEASE_FUSES } from '../../../build/fuses.mjs';
import { ROOT } from '../../../scripts/build';
import { ELECTRON_45_DEFAULT_WIRE, standInExecutable } from '../../support/packaging/stand-in-electron';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A linux-unpacked/ holding only the binary, and the afterPack context electron-builder would pass. */
function packed(wire: string) {
  const appOutDir = mkdtempSync(path.join(os.tmpdir(), 'airlock-fuses-'));
  dirs.push(appOutDir);
  writeFileSync(path.join(appOutDir, 'airlock'), standInExecutable(wire));
  return { appOutDir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'airlock', appInfo: { productFilename: 'Airlock' } } };
}

const wireText = async (binary: string) => {
  const wire = await getCurrentFuseWire(binary);
  return Object.keys(wire).filter((key) => key !== 'version').map((key) => String.fromCharCode(wire[key as unknown as 0] as number)).join('');
};

describe('build/after-pack.mjs', () => {
  it('names all nine fuses Electron 45 has, strictly', () => {
    expect(Object.keys(RELEASE_FUSES)).toHaveLength(ELECTRON_45_DEFAULT_WIRE.length);
    const config = releaseFuseConfig(false);
    expect(config['strictlyRequireAllFuses']).toBe(true);
    for (let index = 0; index < ELECTRON_45_DEFAULT_WIRE.length; index++) expect(typeof config[index]).toBe('boolean');
  });

  it("flips Electron 45's default wire to the release values", async () => {
    const context = packed(ELECTRON_45_DEFAULT_WIRE);
    await afterPack(context);
    // RunAsNode 0, cookies 1, NODE_OPTIONS 0, inspect 0, asar integrity 1, asar only 1, V8 snapshot 0, file:// 0, wasm traps 1
    expect(await wireText(packedBinary(context))).toBe('010011001');
  });

  it('fails on a wire with a fuse the list does not name (a newer Electron)', async () => {
    const context = packed(`${ELECTRON_45_DEFAULT_WIRE}1`);
    await expect(afterPack(context)).rejects.toThrow(/strictlyRequireAllFuses/);
    expect(await wireText(packedBinary(context))).toBe(`${ELECTRON_45_DEFAULT_WIRE}1`);
  });

  it('finds the binary where electron-builder puts it on each OS', () => {
    const base = { appOutDir: '/out', arch: 1, packager: { executableName: 'airlock', appInfo: { productFilename: 'Airlock' } } };
    expect(packedBinary({ ...base, electronPlatformName: 'linux' })).toBe(path.join('/out', 'airlock'));
    expect(packedBinary({ ...base, electronPlatformName: 'win32' })).toBe(path.join('/out', 'Airlock.exe'));
    expect(packedBinary({ ...base, electronPlatformName: 'darwin' })).toBe(path.join('/out', 'Airlock.app'));
  });

  it('is the only fuse step in electron-builder.yml (electronFuses would flip again with an 8-fuse library)', async () => {
    const config = parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    expect(config['afterPack']).toBe('./build/after-pack.mjs');
    expect(config).not.toHaveProperty('electronFuses');
  });
});
