// Who signs in to an environment's jump host, and with what: for the sandbox, the environment file's user entry
// matched to the signed-in username (login + key file path); for any other environment, this computer's user
// name with the ssh-agent when SSH_AUTH_SOCK is set (Pageant on Windows), else ~/.ssh/id_ed25519 or id_rsa.
// Only paths and names: a key's content is read by the SSH route when it signs in, and never kept.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { Environment } from '../../environments';
import type { SshUserAuth } from '../../routes';

export interface SshIdentity {
  readonly login: string;
  readonly auth: SshUserAuth;
}

export interface SshIdentityDeps {
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
  readonly osUser?: string;
  readonly platform?: NodeJS.Platform;
  readonly exists?: (file: string) => boolean;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_rsa'];

export function sshIdentityFor(environment: Environment, username: string, deps: SshIdentityDeps = {}): SshIdentity {
  if (environment.kind === 'sandbox') {
    const wanted = username.toLowerCase();
    const user = environment.sshUsers?.find((u) => u.username.toLowerCase() === wanted);
    if (!user) {
      throw new AirlockError('E_SSH_AUTH', {
        message: `The sandbox gives ${username} no login on its jump host, so Airlock cannot sign in there.`,
        details: { reason: 'no-login' },
      });
    }
    return { login: user.login, auth: { kind: 'key-file', path: user.privateKeyPath } };
  }
  const env = deps.env ?? process.env;
  const login = deps.osUser ?? os.userInfo().username;
  const platform = deps.platform ?? process.platform;
  if (env['SSH_AUTH_SOCK']) return { login, auth: { kind: 'agent', socketPath: env['SSH_AUTH_SOCK'] } };
  if (platform === 'win32') return { login, auth: { kind: 'agent', socketPath: 'pageant' } };
  const exists = deps.exists ?? existsSync;
  const home = deps.homeDir ?? os.homedir();
  const key = DEFAULT_KEYS.map((name) => path.join(home, '.ssh', name)).find((file) => exists(file));
  if (!key) {
    throw new AirlockError('E_SSH_AUTH', {
      message: 'Airlock found no SSH key for the jump host: no ssh-agent (SSH_AUTH_SOCK) and neither ~/.ssh/id_ed25519 nor ~/.ssh/id_rsa.',
      details: { reason: 'no-key' },
    });
  }
  return { login, auth: { kind: 'key-file', path: key } };
}
