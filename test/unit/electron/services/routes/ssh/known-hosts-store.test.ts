// The known-hosts store: remembered fingerprints survive a new store over the same folder, the file is 0600
// and written whole (temp file + rename), a damaged file reads as "nothing remembered", each environment has its
// own trust decisions (two environments naming the same jump host never share one), and an entry from before
// environments were part of the key is trusted for no environment.
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKnownHostsStore, KNOWN_HOSTS_FILE } from '../../../../../../electron/services/routes/ssh/known-hosts-store';

const FP = `SHA256:${'A'.repeat(43)}`;
const FP2 = `SHA256:${'B'.repeat(43)}`;

describe('createKnownHostsStore', () => {
  it('remembers per host:port across stores, in a 0600 JSON file and no leftover temp files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-known-hosts-'));
    const store = createKnownHostsStore(dir).forEnvironment('Sandbox');
    expect(await store.get('127.0.0.1', 22)).toBeNull();
    await store.remember('127.0.0.1', 22, FP);
    await store.remember('vm-jumpbox', 22, FP2);
    const again = createKnownHostsStore(dir).forEnvironment('Sandbox');
    expect(await again.get('127.0.0.1', 22)).toBe(FP);
    expect(await again.get('VM-JUMPBOX', 22)).toBe(FP2);
    expect(await again.get('127.0.0.1', 2222)).toBeNull();
    const file = path.join(dir, KNOWN_HOSTS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual([KNOWN_HOSTS_FILE]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('keeps two environments with the same jump host name apart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-known-hosts-'));
    const hosts = createKnownHostsStore(dir);
    await hosts.forEnvironment('custom-a').remember('jump', 22, FP);
    expect(await hosts.forEnvironment('custom-b').get('jump', 22)).toBeNull();
    await hosts.forEnvironment('custom-b').remember('jump', 22, FP2);
    expect(await createKnownHostsStore(dir).forEnvironment('custom-a').get('jump', 22)).toBe(FP);
    expect(await createKnownHostsStore(dir).forEnvironment('custom-b').get('jump', 22)).toBe(FP2);
    // An environment id that looks like a key separator cannot reach another environment's entries.
    expect(await hosts.forEnvironment('custom-a/jump:22').get('x', 1)).toBeNull();
  });

  it('trusts an entry written before environments were part of the key for no environment, and drops it on the next write', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-known-hosts-'));
    const file = path.join(dir, KNOWN_HOSTS_FILE);
    await writeFile(file, JSON.stringify({ version: 1, hosts: { 'jump:22': FP } }));
    const hosts = createKnownHostsStore(dir);
    expect(await hosts.forEnvironment('Sandbox').get('jump', 22)).toBeNull();
    expect(await hosts.forEnvironment('AzureCloud').get('jump', 22)).toBeNull();
    await hosts.forEnvironment('Sandbox').remember('other', 22, FP2);
    expect(Object.keys((JSON.parse(await readFile(file, 'utf8')) as { hosts: object }).hosts)).toHaveLength(1);
  });

  it('reads a damaged file as empty and refuses to store something that is not a fingerprint', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-known-hosts-'));
    await writeFile(path.join(dir, KNOWN_HOSTS_FILE), '{not json');
    const store = createKnownHostsStore(dir).forEnvironment('Sandbox');
    expect(await store.get('127.0.0.1', 22)).toBeNull();
    await expect(store.remember('127.0.0.1', 22, 'ssh-ed25519 AAAA')).rejects.toThrow();
  });
});
