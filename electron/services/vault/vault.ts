// The vault: one environment's MSAL cache and endpoint tokens, encrypted on disk with a data key that lives in
// the OS keychain. Fails closed (no keychain → memory-only, nothing on disk), discards any file it cannot
// authenticate, drops decrypted material after idleLockMs, and keeps tokens short-lived.
// Never returns key material, and never puts key or token material in a log line, an error or a status.
import path from 'node:path';
import { removeCacheFile, vaultFileName } from './cache-file';
import { dataKeyAccount, generateDataKey, keyIdOf } from './data-key';
import type { EnvelopeKey } from './envelope';
import { createIdleTimer } from './idle-timer';
import { keychainReason } from './keychain';
import { capMsalAccessTokens, nextAccessTokenEndMs } from './msal-cache-lifetime';
import { removesSignIn } from './msal-cache-sign-ins';
import { systemScheduler } from '../ports';
import { dropExpired, emptyContents, isEmptyContents, isLive, type VaultContents } from './vault-contents';
import { incompleteEndpointToken, positiveMs, vaultLockedError, wipingError } from './vault-errors';
import { createVaultEventFeed } from './vault-event-feed';
import { discardMessage, keyUpdateFailedMessage, memoryOnlyMessage, wipedMessage, type VaultEvent } from './vault-events';
import { findVaultFiles } from './vault-files';
import { loadSaved } from './vault-saved';
import { createVaultWriter, sealSave, type KeyEntryKind } from './vault-writer';
import { DEFAULT_IDLE_LOCK_MS, MAX_TOKEN_LIFETIME_MS, type Vault, type VaultMode, type VaultOptions, type VaultStatus } from './vault-status';

export { vaultLockedError } from './vault-errors';
export type { Vault } from './vault-status';

/** `wiping`: a sign-out or forget-device is removing file and key; every use is refused until it is done. */
type Phase = 'closed' | 'open' | 'locked' | 'wiping';

export function createVault(options: VaultOptions): Vault {
  const { keychain, clock, logger, environmentId } = options;
  const idleLockMs = positiveMs(options.idleLockMs, DEFAULT_IDLE_LOCK_MS, 'idleLockMs');
  const maxLifetimeMs = positiveMs(options.maxTokenLifetimeMs, MAX_TOKEN_LIFETIME_MS, 'maxTokenLifetimeMs', MAX_TOKEN_LIFETIME_MS);
  const file = path.join(options.files.dir, vaultFileName(environmentId));
  const account = dataKeyAccount(environmentId);

  let phase: Phase = 'closed';
  let mode: VaultMode = 'keychain';
  let memoryOnlyReason: string | null = null;
  let backendName = 'not checked yet';
  let key: EnvelopeKey | null = null;
  // Rollback guard: the generation of the newest file sealed with `key`, kept with the key in the keychain and
  // in each file's authenticated header. A save that removes a sign-in advances it; an older file is refused.
  let generation = 0;
  // The id of the key the keychain holds (or is storing) for this vault: a queued save lands only while it is
  // the one the save was sealed with. Kept across an idle lock (a one-way tag, not key material).
  let storedKeyId: string | null = null;
  let contents: VaultContents = emptyContents();
  let opening: Promise<void> | null = null;
  const events = createVaultEventFeed({ clock, logger, environmentId });
  const emit = (event: VaultEvent): void => events.emit(event);
  const nowMs = (): number => clock.now().getTime();
  // The cache string last found stable, and until when (epoch ms); see readMsalCache.
  let msalCacheStableFor: string | null = null;
  let msalCacheStableUntil = 0;
  const idle = createIdleTimer({ clock, scheduler: options.scheduler ?? systemScheduler, idleMs: idleLockMs, onIdle: () => lockNow('idle') });

  function status(): VaultStatus {
    return {
      environmentId,
      backend: backendName,
      mode,
      state: phase !== 'open' ? 'locked' : mode === 'memory-only' ? 'memory-only' : 'unlocked',
      locked: phase !== 'open',
      reason: memoryOnlyReason,
      filePath: file,
      lastEvent: events.last(),
    };
  }

  function dropMaterial(): void {
    key?.key.fill(0);
    key = null;
    contents = emptyContents();
    // The hot path's copy of the cache is decrypted material too (refresh tokens): it goes with the rest.
    msalCacheStableFor = null;
    msalCacheStableUntil = 0;
  }

  /** `event`: what to tell the user instead of the plain memory-only event. */
  function enterMemoryOnly(reason: string, keep: VaultContents | null, event?: VaultEvent): void {
    dropMaterial();
    storedKeyId = null;
    contents = keep ?? emptyContents();
    mode = 'memory-only';
    memoryOnlyReason = reason;
    phase = 'open';
    emit(event ?? { kind: 'memory-only', reason, message: memoryOnlyMessage(reason) });
  }

  const writer = createVaultWriter(
    { keychain, account, file },
    {
      emit,
      sealsWith: (keyId) => mode === 'keychain' && storedKeyId === keyId,
      newKeyRefused(keyId, failure) {
        if (storedKeyId !== keyId) return;
        storedKeyId = null;
        // What was signed in stays in memory only; a locked vault dropped it already and reads afresh on unlock.
        if (phase === 'open') enterMemoryOnly(keychainReason(failure), contents);
      },
      advanceRefused(failure, keyLeft) {
        storedKeyId = null;
        const event: VaultEvent = { kind: 'save-failed', message: keyUpdateFailedMessage(keyLeft) };
        if (phase === 'open') enterMemoryOnly(keychainReason(failure), contents, event);
        else emit(event);
      },
    },
  );

  /** Reads the key and the file (a key is made on the first save, not here). `keep`: memory-only contents to carry over. */
  async function open(keep: VaultContents | null, fromLock: boolean): Promise<void> {
    const before = events.last();
    // The availability probe costs a keychain round trip (a third of a real unlock); after an idle lock the
    // backend is known, and a keychain that went away since fails the read below into memory-only anyway.
    if (!fromLock || mode !== 'keychain') {
      const status = await keychain.backend();
      backendName = status.backend;
      if (!status.available) return enterMemoryOnly(status.reason, keep);
    }
    const revokeRefused = await writer.revokePendingKey();
    if (revokeRefused !== null) return enterMemoryOnly(keychainReason(revokeRefused), keep);
    const saved = await loadSaved({ keychain, account, file, environmentId }, dropMaterial);
    if (!saved.usable) return enterMemoryOnly(saved.memoryOnlyReason, keep);
    key = saved.key;
    storedKeyId = saved.key?.keyId ?? null;
    generation = saved.generation;
    contents = saved.contents;
    mode = 'keychain';
    memoryOnlyReason = null;
    phase = 'open';
    if (saved.discard !== null) {
      await removeCacheFile(file);
      emit({ kind: 'cache-discarded', reason: saved.discard, message: discardMessage(saved.discard) });
    }
    if (keep !== null) {
      // What was signed in while memory-only is newer than the file: it wins, and is now saved.
      if (keep.msalCache !== null) contents.msalCache = keep.msalCache;
      for (const [id, token] of keep.endpointTokens) contents.endpointTokens.set(id, token);
      await persist();
    } else if (dropExpired(contents, nowMs(), maxLifetimeMs) > 0) {
      await persist();
    }
    if (fromLock && events.last() === before) emit({ kind: 'unlocked', message: 'Airlock unlocked your saved sign-in.' });
  }

  function startOpen(keep: VaultContents | null, fromLock: boolean): Promise<void> {
    opening ??= open(keep, fromLock)
      .catch(() => {
        // Anything unforeseen (an adapter that throws, a file that cannot be removed): fail closed, never crash.
        enterMemoryOnly(keychainReason('error'), keep);
      })
      .finally(() => {
        opening = null;
      });
    return opening;
  }

  async function ready(): Promise<void> {
    if (phase === 'wiping') throw wipingError();
    if (phase === 'locked') throw vaultLockedError();
    if (phase === 'closed') await startOpen(null, false);
    if (phase !== 'open') throw vaultLockedError();
    idle.touch();
  }

  /**
   * Seals now and queues the write (vault-writer.ts). Memory-only: never touches disk. `advance` (a sign-in
   * was removed): the next generation is stored with the key before the file is written, so every older file
   * stops opening; ordinary saves write no keychain entry (the hot path stays one write).
   */
  function persist(advance = false): Promise<void> {
    dropExpired(contents, nowMs(), maxLifetimeMs);
    if (mode !== 'keychain') return Promise.resolve();
    let keyEntry: KeyEntryKind | null = advance ? 'advance' : null;
    if (key === null) {
      // The first save with something in it makes the key (never a read: see vault-saved.ts).
      if (phase !== 'open' || isEmptyContents(contents)) return Promise.resolve();
      const fresh = generateDataKey();
      key = { key: fresh, keyId: keyIdOf(fresh) };
      storedKeyId = key.keyId;
      generation = 0;
      keyEntry = 'new-key';
    } else if (advance) {
      generation += 1;
    }
    return writer.enqueue(sealSave(contents, key, environmentId, generation, keyEntry));
  }

  function lockNow(reason: 'idle' | 'requested'): void {
    if (phase !== 'open') return;
    idle.stop();
    dropMaterial();
    phase = 'locked';
    emit({ kind: 'locked', reason, message: 'Airlock locked your session; choose Unlock to continue.' });
  }

  /**
   * Drops memory, removes the files and deletes the keys. Refuses every use while it runs (a save queued
   * meanwhile would write the file again, an unlock would read it back); afterwards the vault is closed, and
   * its next use starts afresh with a new key.
   */
  async function wipe(scope: 'sign-out' | 'forget-device', filesToRemove: () => Promise<readonly string[]>, environments: ReadonlySet<string>): Promise<void> {
    idle.stop();
    await opening?.catch(() => undefined);
    phase = 'wiping';
    dropMaterial();
    storedKeyId = null; // saves still queued are dropped, not written and removed again
    await writer.settled();
    const { keychainLeft } = await writer.removeAll(await filesToRemove().catch(() => [file]), environments);
    phase = 'closed';
    emit({ kind: 'wiped', scope, message: wipedMessage(keychainLeft) });
  }

  return {
    environmentId,
    status,
    onEvent: (listener) => events.subscribe(listener),
    async unlock() {
      if (phase === 'wiping') throw wipingError();
      if (opening !== null) await opening;
      if (!(phase === 'open' && mode === 'keychain')) {
        await startOpen(phase === 'open' ? contents : null, phase === 'locked');
      }
      idle.touch();
      return status();
    },
    lock: () => lockNow('requested'),
    setIdleLockMs: (ms) => idle.setIdleMs(positiveMs(ms, DEFAULT_IDLE_LOCK_MS, 'idleLockMs')),
    async readMsalCache() {
      await ready();
      if (contents.msalCache === null) return null;
      // Hot path: until the next access token's end, capping cannot change anything; skip the parse.
      if (msalCacheStableFor === contents.msalCache && nowMs() < msalCacheStableUntil) return contents.msalCache;
      const capped = capMsalAccessTokens(contents.msalCache, nowMs(), maxLifetimeMs);
      if (capped !== contents.msalCache) {
        contents.msalCache = capped;
        await persist();
      }
      msalCacheStableFor = capped;
      msalCacheStableUntil = nextAccessTokenEndMs(capped, maxLifetimeMs);
      return capped;
    },
    async writeMsalCache(serialized) {
      await ready();
      msalCacheStableFor = null;
      const advance = removesSignIn(contents.msalCache, serialized);
      contents.msalCache = capMsalAccessTokens(serialized, nowMs(), maxLifetimeMs);
      await persist(advance);
    },
    async getEndpointToken(endpointId) {
      await ready();
      const stored = contents.endpointTokens.get(endpointId);
      if (stored === undefined) return null;
      if (!isLive(stored, nowMs(), maxLifetimeMs)) {
        await persist(); // drops it (and every other expired one), in memory and on disk
        return null;
      }
      return { endpointId, token: stored.token, expiresAt: new Date(Math.min(stored.expiresAtMs, stored.storedAtMs + maxLifetimeMs)) };
    },
    async putEndpointToken({ endpointId, token, expiresAt }) {
      if (endpointId.length === 0 || token.length === 0) {
        throw incompleteEndpointToken();
      }
      await ready();
      const now = nowMs();
      const expiresAtMs = Math.min(expiresAt.getTime(), now + maxLifetimeMs);
      if (!(expiresAtMs > now)) {
        contents.endpointTokens.delete(endpointId);
      } else {
        contents.endpointTokens.set(endpointId, { endpointId, token, expiresAtMs, storedAtMs: now });
      }
      await persist();
    },
    async deleteEndpointToken(endpointId) {
      await ready();
      if (contents.endpointTokens.delete(endpointId)) await persist();
    },
    signOut: () => wipe('sign-out', async () => [file], new Set([environmentId])),
    async forgetDevice(alsoEnvironments = []) {
      const environments = new Set([environmentId, ...alsoEnvironments]);
      await wipe(
        'forget-device',
        // Listed after pending saves landed or were dropped, so a file written just before is found too.
        async () => [file, ...(await findVaultFiles(options.files.dir, environments))],
        environments,
      );
    },
    flush: () => writer.settled(),
    async dispose() {
      idle.stop();
      await writer.settled();
      dropMaterial();
      if (phase === 'open') phase = 'locked';
    },
  };
}
