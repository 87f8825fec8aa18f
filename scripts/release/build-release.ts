// The release build on one OS (the release workflow's "build and sign" step): refuses without signing
// (check-signing.ts), builds the production bundles, then runs electron-builder with electron-builder.yml plus
// what only a release does: native modules rebuilt for Electron's ABI (npmRebuild) and the signing method
// from the environment. Installers land in release/.
//   npx tsx scripts/release/build-release.ts
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, Platform, type Configuration } from 'electron-builder';
import { parse } from 'yaml';
import { buildAll, ROOT } from '../build';
import { checkSigning, parseOs } from './check-signing';
import { signingOverrides, type ReleaseOs } from './signing';

const PLATFORMS: Readonly<Record<ReleaseOs, Platform>> = { win: Platform.WINDOWS, mac: Platform.MAC, linux: Platform.LINUX };

/**
 * The key stamped into the packed package.json of a release build, and only there: signing was configured
 * (check-signing.ts passed) before it was built. Anything without it — `npm start`, a `--dir` build, the
 * offline packaging test — is unsigned, and About / `airlock info` can say so.
 */
export const SIGNED_STAMP = 'airlockSigned';

/** electron-builder.yml with the release-only settings laid over it (one level deep, like the yml's sections). */
export function releaseConfig(base: Configuration, overrides: Record<string, unknown>): Configuration {
  const merged: Record<string, unknown> = { ...base, npmRebuild: true, extraMetadata: { ...base.extraMetadata, [SIGNED_STAMP]: true } };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = value && typeof value === 'object' && current && typeof current === 'object' ? { ...current, ...value } : value;
  }
  return merged;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const os = parseOs(process.argv.slice(2), process.platform);
  const { plan, message } = checkSigning(os, process.env);
  if (!plan.configured) {
    console.error(message);
    process.exit(1);
  }
  console.log(message);
  await buildAll({ mode: 'production' });
  const base = parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Configuration;
  await build({ projectDir: ROOT, targets: PLATFORMS[os].createTarget(), publish: 'never', config: releaseConfig(base, signingOverrides(plan, process.env)) });
}
