// SSH key pairs for the seed users allowed on the jump host (`sshAccess: true`), one ed25519 pair per user
// per state directory: `<stateDir>/ssh/<login>` (0600, OpenSSH format, what `ssh -i` reads) and `.pub`.
// The SSH login name is the local part of the user's e-mail (`alice@contoso.test` → `alice`).
// Private keys are only written to disk for the demo users; they are never logged.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateEd25519Pair } from './ssh-keygen';
import ssh2 from 'ssh2';
import type { SandboxContext } from '../context';
import type { SeedUser } from '../seed/seed-schema';
import { writeSecretFile } from './ssh-host-key';

export interface SshUserKey {
  /** The SSH login name (`alice`). */
  readonly login: string;
  /** The seed user's e-mail username (`alice@contoso.test`). */
  readonly username: string;
  readonly privateKeyPath: string;
  readonly publicKeyPath: string;
  /** `ssh-ed25519 AAAA… <comment>` */
  readonly publicKeyLine: string;
}

/** `alice@contoso.test` → `alice`. Throws for a local part OpenSSH would not take as a user name. */
export function sshLoginOf(username: string): string {
  const local = username.slice(0, username.lastIndexOf('@')).toLowerCase();
  if (!/^[a-z_][a-z0-9._-]{0,31}$/.test(local)) throw new Error(`seed user ${username}: local part is not a usable SSH login name`);
  return local;
}

function sshUsers(users: readonly SeedUser[]): Array<{ login: string; user: SeedUser }> {
  const seen = new Map<string, string>();
  return users
    .filter((user) => user.sshAccess)
    .map((user) => {
      const login = sshLoginOf(user.username);
      const other = seen.get(login);
      if (other) throw new Error(`seed users ${other} and ${user.username} would share the SSH login ${login}`);
      seen.set(login, user.username);
      return { login, user };
    });
}

function matchingPair(privateKey: string, publicKeyLine: string): boolean {
  const priv = ssh2.utils.parseKey(privateKey);
  const pub = ssh2.utils.parseKey(publicKeyLine);
  return !(priv instanceof Error) && !(pub instanceof Error) && priv.isPrivateKey() && priv.getPublicSSH().equals(pub.getPublicSSH());
}

/** Creates the missing key pairs (existing, valid ones are kept) and returns where they are. */
export async function ensureUserKeys(ctx: Pick<SandboxContext, 'stateDir' | 'seed'>): Promise<SshUserKey[]> {
  const dir = path.join(ctx.stateDir, 'ssh');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys: SshUserKey[] = [];
  for (const { login, user } of sshUsers(ctx.seed.users)) {
    const privateKeyPath = path.join(dir, login);
    const publicKeyPath = `${privateKeyPath}.pub`;
    if (existsSync(privateKeyPath) && existsSync(publicKeyPath)) {
      const publicKeyLine = (await readFile(publicKeyPath, 'utf8')).trim();
      if (matchingPair(await readFile(privateKeyPath, 'utf8'), publicKeyLine)) {
        keys.push({ login, username: user.username, privateKeyPath, publicKeyPath, publicKeyLine });
        continue;
      }
    }
    const pair = generateEd25519Pair(`${login} (airlock sandbox, ${user.username})`);
    await writeSecretFile(privateKeyPath, pair.private);
    await writeFile(publicKeyPath, `${pair.public}\n`);
    keys.push({ login, username: user.username, privateKeyPath, publicKeyPath, publicKeyLine: pair.public.trim() });
  }
  return keys;
}
