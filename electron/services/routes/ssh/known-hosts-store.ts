// Where first-use trust is remembered: one small JSON file ({version, hosts: {"host:port": "SHA256:…"}}) under a
// folder main gives (the user's data folder). Written whole through a temp file and rename, mode 0600. It holds
// fingerprints only, never keys. A damaged file reads as "nothing remembered": the user is asked again (policy
// permitting), which is no weaker than the file being deleted.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FINGERPRINT_SHAPE } from './host-key-fingerprint';
import type { KnownHostsStore } from './ssh-route-options';

export const KNOWN_HOSTS_FILE = 'ssh-known-hosts.json';

interface KnownHostsFile {
  readonly version: 1;
  readonly hosts: Record<string, string>;
}

const keyOf = (host: string, port: number) => `${host.toLowerCase()}:${port}`;

async function readHosts(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as Partial<KnownHostsFile>;
    const hosts: Record<string, string> = {};
    if (parsed.version !== 1 || typeof parsed.hosts !== 'object' || parsed.hosts === null) return {};
    for (const [name, fp] of Object.entries(parsed.hosts)) if (typeof fp === 'string' && FINGERPRINT_SHAPE.test(fp)) hosts[name] = fp;
    return hosts;
  } catch {
    return {};
  }
}

export function createKnownHostsStore(dir: string): KnownHostsStore {
  const file = path.join(dir, KNOWN_HOSTS_FILE);
  // One write at a time, so two first-use confirmations cannot lose each other's entry.
  let writing: Promise<void> = Promise.resolve();
  return {
    async get(host, port) {
      return (await readHosts(file))[keyOf(host, port)] ?? null;
    },
    remember(host, port, fingerprint) {
      if (!FINGERPRINT_SHAPE.test(fingerprint)) return Promise.reject(new Error('not a SHA256 host key fingerprint'));
      const next = writing.then(async () => {
        const hosts = { ...(await readHosts(file)), [keyOf(host, port)]: fingerprint };
        const body: KnownHostsFile = { version: 1, hosts };
        await mkdir(dir, { recursive: true });
        const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
        await chmod(temp, 0o600);
        await rename(temp, file);
      });
      writing = next.catch(() => undefined);
      return next;
    },
  };
}
