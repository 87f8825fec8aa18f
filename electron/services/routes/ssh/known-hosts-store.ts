// Where first-use trust is remembered: one small JSON file ({version, hosts: {"<environment> host:port": "SHA256:…"}})
// under a folder main gives (the user's data folder). Written whole through a temp file and rename, mode 0600. It
// holds fingerprints only, never keys. A damaged file reads as "nothing remembered": the user is asked again (policy
// permitting), which is no weaker than the file being deleted.
//
// Keyed by environment as well as host:port: two environments may both name a jump host `jump:22` and mean
// different machines, so a key trusted in one must never be accepted in the other. Migration is conservative: an
// entry from before the environment was part of the key ("host:port") is trusted for NO environment — the first
// connect asks again (policy permitting) — and it is dropped at the next write.
import { createRememberedMap } from '../remembered-map';
import { FINGERPRINT_SHAPE } from './host-key-fingerprint';
import type { KnownHostsStore } from './ssh-route-options';

export const KNOWN_HOSTS_FILE = 'ssh-known-hosts.json';

/** The known-hosts file; each environment sees only its own entries. */
export interface KnownHosts {
  forEnvironment(environmentId: string): KnownHostsStore;
}

// The environment id is URI-encoded, so it holds no space and cannot spell another environment's key.
const keyOf = (environmentId: string, host: string, port: number) => `${encodeURIComponent(environmentId)} ${host.toLowerCase()}:${port}`;
const isScopedKey = (key: string) => /^[^ ]+ [^ ]+:\d+$/.test(key);
const isFingerprint = (value: unknown): value is string => typeof value === 'string' && FINGERPRINT_SHAPE.test(value);

export function createKnownHostsStore(dir: string): KnownHosts {
  const hosts = createRememberedMap(dir, KNOWN_HOSTS_FILE, 'hosts', isFingerprint, isScopedKey);
  return {
    forEnvironment: (environmentId) => ({
      async get(host, port) {
        return (await hosts.read())[keyOf(environmentId, host, port)] ?? null;
      },
      remember(host, port, fingerprint) {
        if (!isFingerprint(fingerprint)) return Promise.reject(new Error('not a SHA256 host key fingerprint'));
        return hosts.set(keyOf(environmentId, host, port), fingerprint);
      },
    }),
  };
}
