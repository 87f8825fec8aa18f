// Where first-use trust is remembered: one small JSON file ({version, hosts: {"host:port": "SHA256:…"}}) under a
// folder main gives (the user's data folder). Written whole through a temp file and rename, mode 0600. It holds
// fingerprints only, never keys. A damaged file reads as "nothing remembered": the user is asked again (policy
// permitting), which is no weaker than the file being deleted.
import { createRememberedMap } from '../remembered-map';
import { FINGERPRINT_SHAPE } from './host-key-fingerprint';
import type { KnownHostsStore } from './ssh-route-options';

export const KNOWN_HOSTS_FILE = 'ssh-known-hosts.json';

const keyOf = (host: string, port: number) => `${host.toLowerCase()}:${port}`;
const isFingerprint = (value: unknown): value is string => typeof value === 'string' && FINGERPRINT_SHAPE.test(value);

export function createKnownHostsStore(dir: string): KnownHostsStore {
  const hosts = createRememberedMap(dir, KNOWN_HOSTS_FILE, 'hosts', isFingerprint);
  return {
    async get(host, port) {
      return (await hosts.read())[keyOf(host, port)] ?? null;
    },
    remember(host, port, fingerprint) {
      if (!isFingerprint(fingerprint)) return Promise.reject(new Error('not a SHA256 host key fingerprint'));
      return hosts.set(keyOf(host, port), fingerprint);
    },
  };
}
