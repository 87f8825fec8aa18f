// Where the history key lives: the OS keychain (the vault's Keychain port, service 'Airlock'), one entry per
// history database ('history-key/<name>'), 32 random bytes as base64. Fail closed: when the keychain does not
// answer, refuses, or is missing, there is no key — and no history is kept (bodies are never stored in the
// clear, and never under a key that lives only in this process's memory). A failure becomes plain words for
// history.list, never an exception text. Never logs or returns the key outside this service.
import type { Keychain } from '../vault';
import { HISTORY_KEY_BYTES, newHistoryKey } from './history-crypto';

export type KeyLookup = { readonly ok: true; readonly key: Buffer; readonly created: boolean } | { readonly ok: false; readonly reason: string };

export interface HistoryKeyStore {
  /** The key (made and stored on first use when `create`), or why there is none. Never throws. */
  key(create: boolean): Promise<KeyLookup>;
  /** Deletes the key from the keychain and memory (forget this device). */
  forget(): Promise<void>;
}

const NOT_KEPT = 'so Airlock keeps no history of test requests on this device (their bodies are only ever stored encrypted)';

function reasonOf(thrown: unknown): string {
  const message = thrown instanceof Error && 'code' in thrown && thrown.code === 'E_KEYCHAIN_UNAVAILABLE' ? thrown.message.replace(/,? so Airlock.*$/s, '') : 'The keychain reported an error';
  return `${message.replace(/\.$/, '')}, ${NOT_KEPT}.`;
}

function decode(stored: string | null): Buffer | null {
  if (stored === null || !/^[A-Za-z0-9+/]{43}=$/.test(stored)) return null;
  const key = Buffer.from(stored, 'base64');
  return key.length === HISTORY_KEY_BYTES ? key : null;
}

export function historyKeyStore(keychain: Keychain | null, name: string): HistoryKeyStore {
  const account = `history-key/${name}`;
  let cached: Buffer | null = null;
  return {
    async key(create) {
      if (cached) return { ok: true, key: cached, created: false };
      if (!keychain) return { ok: false, reason: `This Airlock has no keychain, ${NOT_KEPT}.` };
      try {
        const status = await keychain.backend();
        if (!status.available) return { ok: false, reason: `${status.reason}, ${NOT_KEPT}.` };
        const stored = decode(await keychain.getSecret(account));
        if (stored) return { ok: true, key: (cached = stored), created: false };
        if (!create) return { ok: false, reason: `No history key is stored in the keychain yet, ${NOT_KEPT}.` };
        const fresh = newHistoryKey();
        await keychain.setSecret(account, fresh.toString('base64'));
        // Read back: a keychain that accepts writes but keeps nothing (libsecret when locked) is no keychain.
        if (!decode(await keychain.getSecret(account))?.equals(fresh)) return { ok: false, reason: `The keychain did not keep the history key, ${NOT_KEPT}.` };
        cached = fresh;
        return { ok: true, key: fresh, created: true };
      } catch (thrown) {
        return { ok: false, reason: reasonOf(thrown) };
      }
    },
    async forget() {
      cached?.fill(0);
      cached = null;
      await keychain?.deleteSecret(account);
    },
  };
}
