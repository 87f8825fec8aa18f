// Finds every vault file in a folder and the environment each belongs to (from its plaintext header), so
// "Forget this device" can remove the files and their keychain entries, and removes them. Never decrypts,
// never logs contents.
import { listVaultFiles, readCacheFile, removeCacheFile } from './cache-file';
import { dataKeyAccount } from './data-key';
import { readEnvelopeHeader } from './envelope';
import type { Keychain } from './keychain';

/** Every vault file in `dir`; adds each readable one's environment to `environments` (the rest are removed all the same). */
export async function findVaultFiles(dir: string, environments: Set<string>): Promise<string[]> {
  const found: string[] = [];
  for (const file of await listVaultFiles(dir)) {
    const bytes = await readCacheFile(file);
    const environmentId = bytes === null ? null : (readEnvelopeHeader(bytes)?.env ?? null);
    if (environmentId !== null) environments.add(environmentId);
    found.push(file);
  }
  return found;
}

/** Removes the files and the environments' data keys; a keychain that cannot be reached leaves its keys. */
export async function removeSaved(keychain: Keychain, files: readonly string[], environments: Iterable<string>): Promise<{ keychainLeft: boolean }> {
  for (const file of files) await removeCacheFile(file).catch(() => undefined);
  let keychainLeft = false;
  for (const environment of environments) {
    try {
      await keychain.deleteSecret(dataKeyAccount(environment));
    } catch {
      keychainLeft = true;
    }
  }
  return { keychainLeft };
}
