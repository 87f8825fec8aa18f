// What an environment has saved: reads its data key entry from the keychain and its file, and decides what
// they hold — the contents, or why the file must go (discard reason), or
// why the keychain cannot be used (then the vault runs memory-only). The vault acts on the answer.
// Never logs; never puts key or token material in a reason.
import { readCacheFile } from './cache-file';
import { decodeDataKey, encodeDataKey, generateDataKey, keyIdOf } from './data-key';
import { openEnvelope, type EnvelopeKey } from './envelope';
import { keychainFailureOf, keychainReason, type Keychain } from './keychain';
import { decodeContents, emptyContents, type VaultContents } from './vault-contents';
import type { DiscardReason } from './vault-events';

export type Saved =
  | { readonly usable: false; readonly memoryOnlyReason: string }
  | {
      readonly usable: true;
      /** null: no key and no file, so nothing is saved; the vault makes a key on its first save (never on a read). */
      readonly key: EnvelopeKey | null;
      /** The generation in the keychain entry (see vault.ts: rollback). */
      readonly generation: number;
      readonly contents: VaultContents;
      /** Set when the file exists but must be deleted. */
      readonly discard: DiscardReason | null;
    };

export interface SavedPlace {
  readonly keychain: Keychain;
  /** The keychain account of the data key (data-key:<environment>). */
  readonly account: string;
  readonly file: string;
  readonly environmentId: string;
}

/** Before the key is read: called once the keychain and the file answered, to drop what is in memory. */
export async function loadSaved(place: SavedPlace, beforeKey: () => void): Promise<Saved> {
  let stored: string | null;
  try {
    stored = await place.keychain.getSecret(place.account);
  } catch (error) {
    return { usable: false, memoryOnlyReason: keychainReason(keychainFailureOf(error)) };
  }
  let bytes: Buffer | null;
  try {
    bytes = await readCacheFile(place.file);
  } catch {
    return { usable: false, memoryOnlyReason: 'Airlock cannot read its sign-in file' };
  }
  beforeKey();

  const existing = stored === null ? null : decodeDataKey(stored);
  // Nothing saved at all: no key is made until something is saved, so reading (listing accounts after
  // Forget this device, say) never puts a key back in the keychain.
  if (stored === null && bytes === null) return { usable: true, key: null, generation: 0, contents: emptyContents(), discard: null };
  if (existing === null) {
    // A locked libsecret answers null even for an existing key, so the old file is discarded only after a new
    // key was stored, which proves the keychain is unlocked and writable.
    const fresh = generateDataKey();
    try {
      await place.keychain.setSecret(place.account, encodeDataKey(fresh));
    } catch (error) {
      fresh.fill(0);
      return { usable: false, memoryOnlyReason: keychainReason(keychainFailureOf(error)) };
    }
    const discard = bytes === null ? null : stored === null ? 'key-missing' : 'key-invalid';
    return { usable: true, key: { key: fresh, keyId: keyIdOf(fresh) }, generation: 0, contents: emptyContents(), discard };
  }

  const key = { key: existing.key, keyId: keyIdOf(existing.key) };
  const usable = (contents: VaultContents, discard: DiscardReason | null): Saved => ({ usable: true, key, generation: existing.generation, contents, discard });
  if (bytes === null) return usable(emptyContents(), null);
  const opened = openEnvelope(bytes, key, place.environmentId);
  if (!opened.ok) return usable(emptyContents(), opened.reason);
  // Only an authenticated header's generation counts. Older: a copy from before a sign-out. Newer: the
  // keychain entry is older than the file (restored, or a sign-out's key update that never arrived).
  const stale: DiscardReason | null = opened.generation === existing.generation ? null : opened.generation < existing.generation ? 'rolled-back' : 'key-mismatch';
  const decoded = stale === null ? decodeContents(opened.plaintext) : null;
  opened.plaintext.fill(0);
  return decoded === null ? usable(emptyContents(), stale ?? 'invalid-contents') : usable(decoded, null);
}
