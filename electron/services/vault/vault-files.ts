// Finds every vault file in a folder and the environment each belongs to (from its plaintext header), so
// "Forget this device" can remove the files and their keychain entries. Never decrypts, never logs contents.
import { listVaultFiles, readCacheFile } from './cache-file';
import { readEnvelopeHeader } from './envelope';

export interface VaultFileOnDisk {
  readonly file: string;
  /** null when the file is not a readable envelope (it is removed all the same). */
  readonly environmentId: string | null;
}

export async function findVaultFiles(dir: string): Promise<VaultFileOnDisk[]> {
  const found: VaultFileOnDisk[] = [];
  for (const file of await listVaultFiles(dir)) {
    const bytes = await readCacheFile(file);
    found.push({ file, environmentId: bytes === null ? null : (readEnvelopeHeader(bytes)?.env ?? null) });
  }
  return found;
}
