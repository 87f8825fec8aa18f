// The release's SBOM: `npm sbom` in CycloneDX over the production dependency tree (what electron-builder can
// pack; devDependencies are build tools), written beside the installers as airlock-<version>.cdx.json.
//   npx tsx scripts/release/sbom.ts [release]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../build';

export const SBOM_ARGS = ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev'] as const;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'release');
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, SBOM_ARGS, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`npm sbom failed: ${result.stderr}`);
    process.exit(1);
  }
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `airlock-${version}.cdx.json`);
  writeFileSync(out, result.stdout);
  console.log(`SBOM: ${out}`);
}
