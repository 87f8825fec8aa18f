// OpenSSH-style key fingerprints and known_hosts lines, computed from the raw public key blob (the SSH wire
// encoding), exactly as `ssh-keygen -lf` and OpenSSH's host-key check do. Pure functions: no I/O, no keys
// other than public ones ever pass through here.
import { createHash } from 'node:crypto';

/** `SHA256:<base64 without padding>` of an SSH public key blob, as `ssh-keygen -lf` prints it. */
export function sha256Fingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** How OpenSSH names a host in known_hosts: bare for port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** One known_hosts line pinning `publicKeyLine` (`ssh-ed25519 AAAA… [comment]`) for host:port. */
export function knownHostsLine(host: string, port: number, publicKeyLine: string): string {
  const [type, data] = publicKeyLine.trim().split(/\s+/);
  if (!type || !data) throw new Error('not an OpenSSH public key line');
  return `${knownHostsName(host, port)} ${type} ${data}`;
}
