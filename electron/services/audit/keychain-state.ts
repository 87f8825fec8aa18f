// What the trail keeps in the OS keychain (the vault's Keychain port, service 'Airlock'), per trail name:
//   audit-trail/<name>/key    — the current epoch's MAC key and signing key (secret), overwritten at every
//                               epoch change so the old ones are gone; plus the hand-over rows of that change
//                               (public) so a crash between the keychain and the database loses nothing;
//   audit-trail/<name>/anchor — the roots' public keys and the newest head (public, but out of reach of
//                               whoever edits only the database): how truncation and older copies are seen.
// Without a keychain both live in memory for this run only, and the trail says so.
// Never logs a key; keychain failures become a status reason, never an exception text.
import type { Keychain } from '../vault';
import type { StoredCheckpoint, StoredEpoch } from './audit-store';
import { exportSigningKey, importSigningKey, type EpochKeys } from './trail-crypto';

export interface AnchorHead {
  readonly seq: number;
  readonly hash: string;
  readonly epoch: number;
}

export interface Anchor {
  readonly v: 1;
  readonly trail: string;
  readonly roots: readonly { readonly epoch: number; readonly publicKey: string }[];
  readonly head: AnchorHead | null;
  /** The newest checkpoint's seq when the head was written. */
  readonly checkpoint: number | null;
}

export interface KeyState {
  readonly trail: string;
  readonly keys: EpochKeys;
  readonly handover: { readonly checkpoint: StoredCheckpoint | null; readonly epoch: StoredEpoch } | null;
}

export interface TrailKeychain {
  /** 'keychain': kept across runs in the OS keychain; 'memory': this run only. */
  readonly mode: 'keychain' | 'memory';
  /** Why the mode is 'memory' (plain words), or null. */
  readonly reason: string | null;
  readAnchor(): Promise<Anchor | null>;
  writeAnchor(anchor: Anchor): Promise<void>;
  readKey(): Promise<KeyState | null>;
  writeKey(state: KeyState): Promise<void>;
}

interface KeyEntry {
  readonly v: 1;
  readonly trail: string;
  readonly epoch: number;
  readonly macKey: string;
  readonly signingKey: string;
  readonly publicKey: string;
  readonly handover: KeyState['handover'];
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isAnchor(value: unknown): value is Anchor {
  const a = value as Partial<Anchor> | null;
  return !!a && a.v === 1 && typeof a.trail === 'string' && Array.isArray(a.roots);
}

function toKeyState(value: unknown): KeyState | null {
  const e = value as Partial<KeyEntry> | null;
  if (!e || e.v !== 1 || typeof e.trail !== 'string' || typeof e.epoch !== 'number' || typeof e.macKey !== 'string' || typeof e.signingKey !== 'string' || typeof e.publicKey !== 'string') return null;
  try {
    return {
      trail: e.trail,
      keys: { epoch: e.epoch, macKey: Buffer.from(e.macKey, 'base64'), signingKey: importSigningKey(e.signingKey), publicKey: e.publicKey },
      handover: e.handover ?? null,
    };
  } catch {
    return null;
  }
}

function keyEntry(state: KeyState): string {
  const { keys } = state;
  const entry: KeyEntry = { v: 1, trail: state.trail, epoch: keys.epoch, macKey: keys.macKey.toString('base64'), signingKey: exportSigningKey(keys.signingKey), publicKey: keys.publicKey, handover: state.handover };
  return JSON.stringify(entry);
}

export function keychainAccounts(name: string): { key: string; anchor: string } {
  return { key: `audit-trail/${name}/key`, anchor: `audit-trail/${name}/anchor` };
}

/** The trail's keychain: the OS one when it answers now, else memory for this run. */
export async function trailKeychain(keychain: Keychain | null, name: string): Promise<TrailKeychain> {
  if (keychain) {
    const status = await keychain.backend().catch(() => null);
    if (status?.available) return osTrailKeychain(keychain, name);
    return memoryTrailKeychain(status && !status.available ? `${status.reason}, so the audit trail's keys are kept only while Airlock runs` : 'The keychain did not answer, so the audit trail\u2019s keys are kept only while Airlock runs');
  }
  return memoryTrailKeychain('No keychain is available, so the audit trail\u2019s keys are kept only while Airlock runs');
}

function osTrailKeychain(keychain: Keychain, name: string): TrailKeychain {
  const accounts = keychainAccounts(name);
  return {
    mode: 'keychain',
    reason: null,
    readAnchor: async () => {
      const value = parseJson(await keychain.getSecret(accounts.anchor));
      return isAnchor(value) ? value : null;
    },
    writeAnchor: (anchor) => keychain.setSecret(accounts.anchor, JSON.stringify(anchor)),
    readKey: async () => toKeyState(parseJson(await keychain.getSecret(accounts.key))),
    writeKey: (state) => keychain.setSecret(accounts.key, keyEntry(state)),
  };
}

function memoryTrailKeychain(reason: string): TrailKeychain {
  let anchor: Anchor | null = null;
  let key: KeyState | null = null;
  return {
    mode: 'memory',
    reason,
    readAnchor: async () => anchor,
    writeAnchor: async (next) => {
      anchor = next;
    },
    readKey: async () => key,
    writeKey: async (next) => {
      key = next;
    },
  };
}
