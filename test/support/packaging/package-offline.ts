// Runs electron-builder the way the release does, but offline: `--linux dir` against a stand-in Electron dist
// (stand-in-electron.ts), with the project's own electron-builder.yml and only the settings that keep it
// offline and out of the tree overridden. No download can happen: electronDist is given, npmRebuild is off,
// and dir needs no toolset (fpm, NSIS, WiX …).
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import { parse } from 'yaml';
import { ROOT } from '../../../scripts/build';
import { makeStandInElectronDist } from './stand-in-electron';

export interface PackagedApp {
  /** linux-unpacked/: the binary (named after linux.executableName), resources/app.asar, app.asar.unpacked. */
  readonly appOutDir: string;
  readonly executable: string;
  readonly config: Configuration;
}

/** Electron's version as package.json pins it (the types-only `electron` devDependency). */
export async function electronVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const range = pkg.devDependencies['electron'] ?? '';
  const version = /(\d+\.\d+\.\d+)/.exec(range)?.[1];
  if (!version) throw new Error(`package.json's electron devDependency has no version: ${range}`);
  return version;
}

export async function loadBuilderConfig(): Promise<Configuration> {
  return parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Configuration;
}

/** Packs dist/ (already built) into `workDir`/out/linux-unpacked. */
export async function packageLinuxDir(workDir: string): Promise<PackagedApp> {
  const version = await electronVersion();
  const electronDist = makeStandInElectronDist(path.join(workDir, 'electron-dist'), { electronVersion: version });
  const output = path.join(workDir, 'out');
  mkdirSync(output, { recursive: true });
  const config = await loadBuilderConfig();
  await build({
    projectDir: ROOT,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { ...config, electronDist, electronVersion: version, npmRebuild: false, directories: { ...config.directories, output } },
  });
  const appOutDir = path.join(output, 'linux-unpacked');
  return { appOutDir, executable: path.join(appOutDir, config.linux?.executableName ?? 'airlock'), config };
}
