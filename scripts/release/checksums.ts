// SHA256SUMS over the release's installers (the workflow uploads it beside them; on Linux sign-linux.ts also
// signs it). Format of sha256sum(1), so admins check with `sha256sum -c SHA256SUMS` or Get-FileHash.
//   npx tsx scripts/release/checksums.ts [release]
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a release ships: installers, portable archives, the SBOM. Not blockmaps, yml or unpacked dirs. */
export const ARTIFACT = /\.(exe|msi|dmg|pkg|deb|rpm|AppImage|tar\.gz|cdx\.json)$/;

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Sorted by code point, like `LC_ALL=C sort`, so the file is the same on every OS. */
export function sumsText(entries: readonly { name: string; sha256: string }[]): string {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((entry) => `${entry.sha256}  ${entry.name}\n`).join('');
}

export async function writeChecksums(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => ARTIFACT.test(name));
  if (names.length === 0) throw new Error(`no release artifacts in ${dir}: build first (scripts/release/build-release.ts)`);
  const entries = await Promise.all(names.map(async (name) => ({ name, sha256: await sha256File(path.join(dir, name)) })));
  await writeFile(path.join(dir, 'SHA256SUMS'), sumsText(entries));
  return names;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? 'release');
  const names = await writeChecksums(dir);
  console.log(`SHA256SUMS: ${names.length} artifact(s) in ${dir}`);
}
