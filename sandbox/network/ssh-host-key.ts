// The jump host's identity: one ed25519 host key per state directory, generated on first start and reused
// afterwards so clients can pin it (`hostKeySha256` in environment.json, a known_hosts line in tests).
// The private key is written 0600 inside a 0700 folder and never logged or returned outside the sandbox.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateEd25519Pair } from './ssh-keygen';
import ssh2 from 'ssh2';
import { sha256Fingerprint } from './ssh-fingerprint';

export interface HostKey {
  /** OpenSSH-format private key, for ssh2's `hostKeys`. */
  readonly privateKey: string;
  /** `ssh-ed25519 AAAA…` (no comment). */
  readonly publicKeyLine: string;
  /** `SHA256:…`, as `ssh-keygen -lf` prints it. */
  readonly sha256: string;
}

const HOST_KEY_DIR = 'ssh-host';
const HOST_KEY_FILE = 'ssh_host_ed25519_key';

export async function writeSecretFile(file: string, contents: string): Promise<void> {
  await writeFile(file, contents, { mode: 0o600 });
  await chmod(file, 0o600);
}

function describe(privateKey: string): HostKey | null {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error || !parsed.isPrivateKey()) return null;
  const blob = parsed.getPublicSSH();
  return { privateKey, publicKeyLine: `${parsed.type} ${blob.toString('base64')}`, sha256: sha256Fingerprint(blob) };
}

/** Opens (or creates) `<stateDir>/ssh-host/ssh_host_ed25519_key`. */
export async function ensureHostKey(stateDir: string): Promise<HostKey> {
  const dir = path.join(stateDir, HOST_KEY_DIR);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, HOST_KEY_FILE);
  if (existsSync(file)) {
    const existing = describe(await readFile(file, 'utf8'));
    if (existing) return existing;
  }
  const pair = generateEd25519Pair('airlock-sandbox-jump-host');
  const created = describe(pair.private);
  if (!created) throw new Error('generated host key does not parse');
  await writeSecretFile(file, pair.private);
  await writeFile(`${file}.pub`, `${pair.public}\n`);
  return created;
}
