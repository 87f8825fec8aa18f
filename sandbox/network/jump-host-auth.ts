// Who may log in to the jump host: public-key authentication only, for seed users with `sshAccess`, with
// exactly the key generated for them (ssh-user-keys.ts). A signed request is checked against the stored
// key; an unsigned one (the client asking "would this key do?") is answered without logging in. Password,
// keyboard-interactive, host-based and "none" are always refused. Never logs keys or signatures.
import { timingSafeEqual } from 'node:crypto';
import ssh2, { type AuthContext, type ParsedKey } from 'ssh2';
import type { SandboxLog } from '../context';
import type { SshUserKey } from './ssh-user-keys';

/** OpenSSH's sshd default MaxAuthTries. */
export const MAX_AUTH_TRIES = 6;

export interface AuthorizedUser {
  readonly login: string;
  readonly username: string;
  readonly key: ParsedKey;
}

export function authorizedUsers(keys: readonly SshUserKey[]): Map<string, AuthorizedUser> {
  const users = new Map<string, AuthorizedUser>();
  for (const k of keys) {
    const key = ssh2.utils.parseKey(k.publicKeyLine);
    if (key instanceof Error) throw new Error(`public key of ${k.login} does not parse: ${key.message}`);
    users.set(k.login, { login: k.login, username: k.username, key });
  }
  return users;
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
const printable = (value: string) => value.replace(/[^\x20-\x7e]/g, '?').slice(0, 64);

/**
 * Decides each authentication request of one connection. `onSuccess` runs before the login is accepted
 * (ssh2 emits 'ready' synchronously from accept()); `onTooMany` once the attempts are used up.
 */
export function createAuthenticator(
  users: ReadonlyMap<string, AuthorizedUser>,
  log: SandboxLog,
  handlers: { onSuccess: (user: AuthorizedUser) => void; onTooMany: () => void },
) {
  let failures = 0;
  const refuse = (auth: AuthContext, reason: string): void => {
    if (auth.method !== 'none') {
      failures += 1;
      log('jumphost.auth.refused', { user: printable(auth.username), method: auth.method, reason });
    }
    auth.reject(['publickey']);
    if (failures >= MAX_AUTH_TRIES) handlers.onTooMany();
  };
  return (auth: AuthContext): void => {
    if (auth.method !== 'publickey') return refuse(auth, 'method not allowed');
    const user = users.get(auth.username);
    if (!user) return refuse(auth, 'unknown user');
    if (auth.key.algo !== user.key.type || !sameBytes(auth.key.data, user.key.getPublicSSH())) return refuse(auth, 'key not authorized');
    if (!auth.signature || !auth.blob) {
      // A query: accept() answers SSH_MSG_USERAUTH_PK_OK, the client then signs.
      auth.accept();
      return;
    }
    if (user.key.verify(auth.blob, auth.signature, auth.hashAlgo) !== true) return refuse(auth, 'bad signature');
    handlers.onSuccess(user);
    auth.accept();
  };
}
