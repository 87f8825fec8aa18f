// The vault: one environment's MSAL cache and endpoint tokens, encrypted on disk with a data key that lives in
// the OS keychain. Fails closed (no keychain → memory-only, nothing on disk), discards any file it cannot
// authenticate, drops decrypted material after idleLockMs, and keeps tokens short-lived.
// Never returns key material, and never puts key or token material in a log line, an error or a status.
import path from 'node:path';
import { removeCacheFile, vaultFileName, writeCacheFileAtomic } from './cache-file';
import { dataKeyAccount, encodeDataKey, generateDataKey, keyIdOf } from './data-key';
import { sealEnvelope, type EnvelopeKey } from './envelope';
import { createIdleTimer } from './idle-timer';
import { keychainFailureOf, keychainReason } from './keychain';
import { capMsalAccessTokens, nextAccessTokenEndMs } from './msal-cache-lifetime';
import { removesSignIn } from './msal-cache-sign-ins';
import { systemScheduler } from '../ports';
import { dropExpired, emptyContents, encodeContents, isEmptyContents, isLive, type VaultContents } from './vault-contents';
import { incompleteEndpointToken, positiveMs, vaultLockedError, wipingError } from './vault-errors';
import {
  discardMessage,
  KEY_UPDATE_FAILED,
  memoryOnlyMessage,
  saveFailedMessage,
  wipedMessage,
  type DiscardReason,
  type TimedVaultEvent,
  type VaultEvent,
} from './vault-events';
import { findVaultFiles, removeSaved } from './vault-files';
import { loadSaved } from './vault-saved';
import {
  DEFAULT_IDLE_LOCK_MS,
  MAX_TOKEN_LIFETIME_MS,
  type Vault,
  type VaultMode,
  type VaultOptions,
  type VaultStatus,
} from './vault-status';

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
  let contents: VaultContents = emptyContents();
  let opening: Promise<void> | null = null;
  let writes: Promise<void> = Promise.resolve();
  let lastEvent: TimedVaultEvent | null = null;
  const listeners = new Set<(event: TimedVaultEvent) => void>();
  const nowMs = (): number => clock.now().getTime();
  // The cache string last found stable, and until when (epoch ms); see readMsalCache.
  let msalCacheStableFor: string | null = null;
  let msalCacheStableUntil = 0;
  const idle = createIdleTimer({ clock, scheduler: options.scheduler ?? systemScheduler, idleMs: idleLockMs, onIdle: () => lockNow('idle') });

  function emit(event: VaultEvent): void {
    const timed: TimedVaultEvent = { ...event, at: clock.now().toISOString() };
    lastEvent = timed;
    const reason = 'reason' in event ? event.reason : 'scope' in event ? event.scope : null;
    const level = event.kind === 'cache-discarded' || event.kind === 'memory-only' || event.kind === 'save-failed' ? 'warn' : 'info';
    logger.log(level, `vault.${event.kind}`, { environment: environmentId, reason });
    for (const listener of listeners) {
      try {
        listener(timed);
      } catch {
        logger.log('warn', 'vault.listener-failed', { environment: environmentId });
      }
    }
  }

  function status(): VaultStatus {
    return {
      environmentId,
      backend: backendName,
      mode,
      state: phase !== 'open' ? 'locked' : mode === 'memory-only' ? 'memory-only' : 'unlocked',
      locked: phase !== 'open',
      reason: memoryOnlyReason,
      filePath: file,
      lastEvent,
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

  function enterMemoryOnly(reason: string, keep: VaultContents | null): void {
    dropMaterial();
    contents = keep ?? emptyContents();
    mode = 'memory-only';
    memoryOnlyReason = reason;
    phase = 'open';
    emit({ kind: 'memory-only', reason, message: memoryOnlyMessage(reason) });
  }

  async function discardFile(reason: DiscardReason): Promise<void> {
    await removeCacheFile(file);
    emit({ kind: 'cache-discarded', reason, message: discardMessage(reason) });
  }

  /** Reads the key and the file (a key is made on the first save, not here). `keep`: memory-only contents to carry over. */
  async function open(keep: VaultContents | null, fromLock: boolean): Promise<void> {
    const before = lastEvent;
    // The availability probe costs a keychain round trip (a third of a real unlock); after an idle lock the
    // backend is known, and a keychain that went away since fails the read below into memory-only anyway.
    if (!fromLock || mode !== 'keychain') {
      const status = await keychain.backend();
      backendName = status.backend;
      if (!status.available) return enterMemoryOnly(status.reason, keep);
    }
    const saved = await loadSaved({ keychain, account, file, environmentId }, dropMaterial);
    if (!saved.usable) return enterMemoryOnly(saved.memoryOnlyReason, keep);
    key = saved.key;
    generation = saved.generation;
    const discard = saved.discard;

    contents = saved.contents;
    mode = 'keychain';
    memoryOnlyReason = null;
    phase = 'open';
    if (discard !== null) await discardFile(discard);
    if (keep !== null) {
      // What was signed in while memory-only is newer than the file: it wins, and is now saved.
      if (keep.msalCache !== null) contents.msalCache = keep.msalCache;
      for (const [id, token] of keep.endpointTokens) contents.endpointTokens.set(id, token);
      await persist();
    } else if (dropExpired(contents, nowMs(), maxLifetimeMs) > 0) {
      await persist();
    }
    if (fromLock && lastEvent === before) emit({ kind: 'unlocked', message: 'Airlock unlocked your saved sign-in.' });
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
   * Seals now (so a later lock cannot race it) and queues the atomic write. Memory-only: never touches disk.
   * `advance` (a sign-in was removed): the next generation is stored with the key before the file is written,
   * so every older file stops opening; ordinary saves write no keychain entry (the hot path stays one write).
   */
  function persist(advance = false): Promise<void> {
    dropExpired(contents, nowMs(), maxLifetimeMs);
    if (mode !== 'keychain') return Promise.resolve();
    // The first save with something in it makes the key (never a read: see vault-saved.ts).
    let created: EnvelopeKey | null = null;
    if (key === null) {
      if (phase !== 'open' || isEmptyContents(contents)) return Promise.resolve();
      const fresh = generateDataKey();
      key = created = { key: fresh, keyId: keyIdOf(fresh) };
      generation = 0;
    } else if (advance) {
      generation += 1;
    }
    const entry = created !== null || advance ? encodeDataKey(key.key, generation) : null;
    const plaintext = encodeContents(contents);
    const sealed = sealEnvelope(plaintext, key, environmentId, generation);
    plaintext.fill(0);
    writes = writes.then(async () => {
      if (entry !== null) {
        try {
          await keychain.setSecret(account, entry);
        } catch (error) {
          if (created !== null) {
            // No key could be stored, so no file may be written: what was signed in stays in memory only.
            if (key === created) enterMemoryOnly(keychainReason(keychainFailureOf(error)), contents);
            return;
          }
          // The file is still written (it must lose the signed-out account), but the keychain keeps the old
          // generation, so next time the file does not open: fail closed, and say so now.
          emit({ kind: 'save-failed', message: KEY_UPDATE_FAILED });
        }
      }
      await writeCacheFileAtomic(file, sealed).catch((error: unknown) => {
        emit({ kind: 'save-failed', message: saveFailedMessage(error) });
      });
    });
    return writes;
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
    await writes; // saves sealed before the wipe land first, and are removed below
    const { keychainLeft } = await removeSaved(keychain, await filesToRemove().catch(() => [file]), environments);
    phase = 'closed';
    emit({ kind: 'wiped', scope, message: wipedMessage(keychainLeft) });
  }

  return {
    environmentId,
    status,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
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
        async () => {
          // Listed after pending saves landed, so a file written just before is found too.
          const found = await findVaultFiles(options.files.dir);
          for (const f of found) if (f.environmentId !== null) environments.add(f.environmentId);
          return [file, ...found.map((f) => f.file)];
        },
        environments,
      );
    },
    flush: () => writes,
    async dispose() {
      idle.stop();
      await writes;
      dropMaterial();
      if (phase === 'open') phase = 'locked';
    },
  };
}
