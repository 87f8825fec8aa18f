// The vault's files on disk: one encrypted file per environment, written atomically (temp file in the same
// folder, mode 0600, fsync, rename, fsync of the folder) so a reader sees the old file or the new one, never
// half of one. Only ever writes sealed envelopes; never writes or logs plaintext.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const FILE_PREFIX = 'vault-';
const FILE_SUFFIX = '.v1.bin';

/** A file name that is safe on every OS; unusual environment ids are hashed. */
export function vaultFileName(environmentId: string): string {
  const slug = /^[A-Za-z0-9_-]{1,64}$/.test(environmentId)
    ? environmentId
    : `h${createHash('sha256').update(environmentId).digest('hex').slice(0, 32)}`;
  return `${FILE_PREFIX}${slug}${FILE_SUFFIX}`;
}

export function isVaultFileName(name: string): boolean {
  return name.startsWith(FILE_PREFIX) && name.endsWith(FILE_SUFFIX);
}

export async function listVaultFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter(isVaultFileName).map((name) => path.join(dir, name));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

export async function readCacheFile(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function writeCacheFileAtomic(file: string, bytes: Buffer): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

export async function removeCacheFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Makes the rename durable. Folders cannot be opened for fsync on Windows; there the rename is already durable. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
