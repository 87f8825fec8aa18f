// The trail's cryptography, all node:crypto: the one-way MAC key ratchet, per-epoch Ed25519 signing keys,
// checkpoint and epoch-certificate statements. Keys are passed around as KeyObjects and Buffers and leave
// only towards the keychain (keychain-state.ts); an evolved-away MAC key is zero-filled in memory.
// Never logs, never writes a key anywhere but the keychain port.
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

const EVOLVE = Buffer.from('airlock-audit/evolve');

export interface EpochKeys {
  readonly epoch: number;
  readonly macKey: Buffer;
  readonly signingKey: KeyObject;
  /** SPKI DER, base64. */
  readonly publicKey: string;
}

/** k_{e+1} = HMAC-SHA256(k_e, "airlock-audit/evolve"): whoever holds k_{e+1} cannot compute k_e. */
export function evolveMacKey(macKey: Buffer): Buffer {
  return createHmac('sha256', macKey).update(EVOLVE).digest();
}

export function newSigningKey(): { signingKey: KeyObject; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { signingKey: privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

export function rootKeys(epoch: number): EpochKeys {
  return { epoch, macKey: randomBytes(32), ...newSigningKey() };
}

/** The next epoch's keys: the MAC key evolved one way, a fresh signing key (to be certified by the old one). */
export function nextKeys(current: EpochKeys): EpochKeys {
  return { epoch: current.epoch + 1, macKey: evolveMacKey(current.macKey), ...newSigningKey() };
}

/** Overwrites a key that must not outlive its epoch (the KeyObject of a signing key is dropped, not wiped). */
export function eraseMacKey(macKey: Buffer): void {
  macKey.fill(0);
}

export function recordMac(macKey: Buffer, hash: string): string {
  return createHmac('sha256', macKey).update(hash).digest('base64');
}

export function signText(signingKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text), signingKey).toString('base64');
}

const publicKeys = new Map<string, KeyObject>();

export function verifyText(publicKey: string, text: string, signature: string): boolean {
  try {
    let key = publicKeys.get(publicKey);
    if (!key) {
      key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
      if (publicKeys.size > 4096) publicKeys.clear();
      publicKeys.set(publicKey, key);
    }
    return verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function exportSigningKey(signingKey: KeyObject): string {
  return signingKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
}

export function importSigningKey(pkcs8: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8, 'base64'), format: 'der', type: 'pkcs8' });
}

/** An epoch's statement: its public key, who certified it (null: a root) and where it starts. */
export interface EpochStatement {
  readonly v: 1;
  readonly trail: string;
  readonly epoch: number;
  readonly publicKey: string;
  readonly certifiedBy: number | null;
  readonly firstSeq: number;
  readonly time: string;
  /** Whether the root of this epoch's segment is kept in the keychain (false: no keychain when it began). */
  readonly anchored: boolean;
}

/** A checkpoint's statement: the chain's head at `seq`, signed with `epoch`'s key. */
export interface CheckpointStatement {
  readonly v: 1;
  readonly trail: string;
  readonly seq: number;
  readonly epoch: number;
  readonly head: string;
  readonly time: string;
}

export function epochText(statement: EpochStatement): string {
  const { v, trail, epoch, publicKey, certifiedBy, firstSeq, time, anchored } = statement;
  return JSON.stringify({ v, trail, epoch, publicKey, certifiedBy, firstSeq, time, anchored });
}

export function checkpointText(statement: CheckpointStatement): string {
  const { v, trail, seq, epoch, head, time } = statement;
  return JSON.stringify({ v, trail, seq, epoch, head, time });
}
