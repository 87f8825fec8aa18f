// OpenSSH's host key fingerprint: `SHA256:` and the unpadded base64 of the SHA-256 of the key's wire blob, exactly
// as `ssh-keygen -lf` and OpenSSH's host-key prompt print it. Public keys only ever pass through here.
import { createHash } from 'node:crypto';

export const FINGERPRINT_SHAPE = /^SHA256:[A-Za-z0-9+/]{43}$/;

export function sshFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}
