// Linux packages carry detached GPG signatures: <file>.asc beside every .deb, .rpm, .AppImage, .tar.gz and
// SHA256SUMS, made with the key AIRLOCK_GPG_KEY_ID that the workflow imported from a secret. Electron checks
// no ASAR integrity on Linux, so these signatures (and a root-owned install) are what protect the package.
//   npx tsx scripts/release/sign-linux.ts [release]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIGNED = /\.(deb|rpm|AppImage|tar\.gz)$|^SHA256SUMS$/;

export function gpgArgs(keyId: string, file: string): string[] {
  return ['--batch', '--yes', '--local-user', keyId, '--armor', '--detach-sign', '--output', `${file}.asc`, file];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const keyId = process.env['AIRLOCK_GPG_KEY_ID'];
  if (!keyId) {
    console.error('sign-linux: AIRLOCK_GPG_KEY_ID is not set (see docs/admin/signing.md); nothing was signed.');
    process.exit(1);
  }
  const dir = path.resolve(process.argv[2] ?? 'release');
  const files = readdirSync(dir).filter((name) => SIGNED.test(name));
  if (!files.includes('SHA256SUMS')) {
    console.error('sign-linux: no SHA256SUMS yet; run scripts/release/checksums.ts first.');
    process.exit(1);
  }
  for (const name of files) {
    const result = spawnSync('gpg', gpgArgs(keyId, path.join(dir, name)), { stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  console.log(`sign-linux: ${files.length} detached signature(s) in ${dir}`);
}
