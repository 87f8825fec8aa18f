// The vault's writes, one at a time in the order they were sealed: a new key or a sign-out's next generation
// goes to the keychain first, then the sealed file, atomically. A save lands only while the vault still seals
// with the key it was sealed with, so a key the keychain refused (or a wipe, or memory-only) stops every save
// queued behind it. A sign-out whose new generation is refused fails closed: the file and the key are removed,
// so no older copy of the file opens again.
// Never writes plaintext, never logs, never puts key material in an event.
import { removeCacheFile, writeCacheFileAtomic } from './cache-file';
import { encodeDataKey } from './data-key';
import { sealEnvelope, type EnvelopeKey } from './envelope';
import { keychainFailureOf, type Keychain, type KeychainFailure } from './keychain';
import { encodeContents, type VaultContents } from './vault-contents';
import { saveFailedMessage, type VaultEvent } from './vault-events';
import { removeSaved } from './vault-files';

/** What the keychain must hold before the file is written: a new key, or the key at its next generation. */
export type KeyEntryKind = 'new-key' | 'advance';

export interface SealedSave {
  readonly bytes: Buffer;
  /** The id of the key it was sealed with. */
  readonly keyId: string;
  readonly keyEntry: { readonly kind: KeyEntryKind; readonly value: string } | null;
}

/** Seals the contents now, so a later lock cannot race it; `keyEntry`: what to store in the keychain first. */
export function sealSave(contents: VaultContents, key: EnvelopeKey, environmentId: string, generation: number, keyEntry: KeyEntryKind | null): SealedSave {
  const plaintext = encodeContents(contents);
  const bytes = sealEnvelope(plaintext, key, environmentId, generation);
  plaintext.fill(0);
  return { bytes, keyId: key.keyId, keyEntry: keyEntry === null ? null : { kind: keyEntry, value: encodeDataKey(key.key, generation) } };
}

export interface WriterHooks {
  /** Whether a save sealed with this key may still land (the vault seals with it, in keychain mode). */
  sealsWith(keyId: string): boolean;
  /** The keychain refused a new key: nothing was written for it, nor will be for any save sealed with it. */
  newKeyRefused(keyId: string, failure: KeychainFailure): void;
  /** The keychain refused a sign-out's generation; the file is gone, and the key too unless `keyLeft`. */
  advanceRefused(failure: KeychainFailure, keyLeft: boolean): void;
  emit(event: VaultEvent): void;
}

export interface VaultWriter {
  /** Queues the save; resolves once it landed or was dropped. Never rejects. */
  enqueue(save: SealedSave): Promise<void>;
  /** Resolves once every queued save landed or was dropped. */
  settled(): Promise<void>;
  /**
   * After a refused sign-out update, deletes the key before the keychain is used again (a locked store may
   * have ignored the first delete). Null when nothing is pending or the delete went through.
   */
  revokePendingKey(): Promise<KeychainFailure | null>;
  /** After the queued saves: removes the files and the environments' keys. */
  removeAll(files: readonly string[], environments: Iterable<string>): Promise<{ keychainLeft: boolean }>;
}

export function createVaultWriter(place: { readonly keychain: Keychain; readonly account: string; readonly file: string }, hooks: WriterHooks): VaultWriter {
  let writes: Promise<void> = Promise.resolve();
  let revokeKey = false;

  /** Whether the keychain took the entry; when it refused, the vault has been told and nothing more is written. */
  async function storeKeyEntry(entry: NonNullable<SealedSave['keyEntry']>, keyId: string): Promise<boolean> {
    try {
      await place.keychain.setSecret(place.account, entry.value);
      return true;
    } catch (error) {
      const failure = keychainFailureOf(error);
      if (entry.kind === 'new-key') {
        hooks.newKeyRefused(keyId, failure);
        return false;
      }
      // The keychain still holds the previous generation, which opens every file from before the sign-out
      // (a backup put back brings the signed-out account back). Without a keychain write the guard cannot
      // move on, so take away what the old generation opens: the file, and the key itself.
      await removeCacheFile(place.file).catch(() => undefined);
      revokeKey = true;
      const keyLeft = await place.keychain.deleteSecret(place.account).then(
        () => false,
        () => true,
      );
      hooks.advanceRefused(failure, keyLeft);
      return false;
    }
  }

  async function land(save: SealedSave): Promise<void> {
    if (!hooks.sealsWith(save.keyId)) return;
    if (save.keyEntry !== null && !(await storeKeyEntry(save.keyEntry, save.keyId))) return;
    // A lock while the key was being stored keeps the key; a refusal, a wipe or memory-only does not.
    if (!hooks.sealsWith(save.keyId)) return;
    await writeCacheFileAtomic(place.file, save.bytes).catch((error: unknown) => {
      hooks.emit({ kind: 'save-failed', message: saveFailedMessage(error) });
    });
  }

  return {
    enqueue(save) {
      writes = writes.then(() => land(save)).catch(() => undefined);
      return writes;
    },
    settled: () => writes,
    async revokePendingKey() {
      if (!revokeKey) return null;
      try {
        await place.keychain.deleteSecret(place.account);
      } catch (error) {
        return keychainFailureOf(error);
      }
      revokeKey = false;
      return null;
    },
    async removeAll(files, environments) {
      await writes;
      const removed = await removeSaved(place.keychain, files, environments);
      if (!removed.keychainLeft) revokeKey = false;
      return removed;
    },
  };
}
