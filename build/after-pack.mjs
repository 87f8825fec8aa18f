// electron-builder afterPack hook: flips the release fuses (fuses.mjs) on the packaged binary, before
// electron-builder signs it. Not electron-builder's own `electronFuses` option: 26.17 applies that with its
// bundled @electron/fuses 1.8, which knows 8 of Electron 45's 9 fuses, and it has no strictlyRequireAllFuses,
// so a fuse added by a future Electron would silently keep its default. Here a wire longer than the list, or
// a fuse the list leaves out, fails the build.
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { RELEASE_FUSES } from './fuses.mjs';

/** electron-builder's Arch enum value for arm64 (builder-util). */
const ARCH_ARM64 = 3;

/**
 * The fuse config @electron/fuses takes: every fuse set explicitly, strict.
 * @param {boolean} resetAdHocDarwinSignature
 */
export function releaseFuseConfig(resetAdHocDarwinSignature) {
  /** @type {Record<string, unknown>} */
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature };
  for (const [name, value] of Object.entries(RELEASE_FUSES)) {
    const index = FuseV1Options[/** @type {keyof typeof FuseV1Options} */ (name)];
    if (typeof index !== 'number') throw new Error(`build/fuses.mjs names a fuse @electron/fuses does not know: ${name}`);
    config[index] = value;
  }
  return config;
}

/**
 * Where the Electron binary sits in the packed app (as electron-builder's own addElectronFuses finds it).
 * @param {{ appOutDir: string, electronPlatformName: string, packager: { executableName: string, appInfo: { productFilename: string } } }} context
 */
export function packedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return path.join(appOutDir, packager.executableName);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, `${packager.appInfo.productFilename}.app`); // darwin, mas
}

/** @param {{ appOutDir: string, electronPlatformName: string, arch: number, packager: { executableName: string, appInfo: { productFilename: string } } }} context */
export default async function afterPack(context) {
  // Apple Silicon refuses a binary whose ad-hoc signature no longer matches; a real signature follows anyway.
  const darwinArm = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === ARCH_ARM64;
  // The config is complete and strict by construction (releaseFuseConfig); the cast is for the lib's union type.
  await flipFuses(packedBinary(context), /** @type {import('@electron/fuses').FuseConfig} */ (/** @type {unknown} */ (releaseFuseConfig(darwinArm))));
}
