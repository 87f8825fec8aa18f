// How the user signs in to the jump host: a private key file, or the ssh-agent (SSH_AUTH_SOCK; Pageant on
// Windows). An encrypted key's passphrase comes from main's prompt, is used once to decrypt the key for this
// connection and is never logged, kept or put in an error; the key file's content never leaves this module
// except as ssh2's parsed key for the sign-in.
import { readFile } from 'node:fs/promises';
import ssh2, { type AgentAuthMethod, type ParsedKey, type PublicKeyAuthMethod } from 'ssh2';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';
import type { PassphrasePrompt, SshUserAuth } from './ssh-route-options';

const MAX_PASSPHRASE_ATTEMPTS = 3;

export interface UserAuthInput {
  readonly auth: SshUserAuth;
  readonly username: string;
  /** For the prompt and the error's words. */
  readonly host: string;
  readonly passphrase?: PassphrasePrompt;
  /** The connect's signal, handed to the prompt so an aborted connect closes it. */
  readonly signal?: AbortSignal;
}

/** The agent to use when the user chose "ssh-agent": SSH_AUTH_SOCK, else Pageant on Windows, else none. */
export function agentSocketPath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): string | null {
  const sock = env['SSH_AUTH_SOCK'];
  if (sock) return sock;
  return platform === 'win32' ? 'pageant' : null;
}

/** `{name: value}` when the detail schema takes the value, else nothing (the detail is left out). */
const fitting = <K extends string>(name: K, value: string | undefined) => (value === undefined ? {} : ({ [name]: value } as Record<K, string>));

function authFailure(host: string, reason: string, words: string): AirlockError {
  return new AirlockError('E_SSH_AUTH', {
    message: words,
    details: { ...fitting('host', hostDetail(host)), ...fitting('reason', codeDetail(reason)) },
  });
}

const isEncryptedWithoutPassphrase = (error: Error) => /no passphrase given/i.test(error.message);
const isBadPassphrase = (error: Error) => /passphrase/i.test(error.message);

function parsed(result: ParsedKey | ParsedKey[] | Error): ParsedKey | Error {
  return Array.isArray(result) ? (result[0] ?? new Error('no key')) : result;
}

async function keyFromFile(input: UserAuthInput, keyPath: string): Promise<ParsedKey> {
  const { host } = input;
  let data: Buffer;
  try {
    data = await readFile(keyPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw authFailure(host, code, `Airlock could not read your SSH key file ${keyPath} (${code}), so it did not sign in to ${host}.`);
  }
  const notAKey = () => authFailure(host, 'not-a-private-key', `The file ${keyPath} is not an SSH private key Airlock can use, so it did not sign in to ${host}.`);
  let key = parsed(ssh2.utils.parseKey(data));
  if (key instanceof Error && isEncryptedWithoutPassphrase(key)) {
    if (!input.passphrase) throw authFailure(host, 'passphrase-needed', `Your SSH key ${keyPath} is protected by a passphrase and Airlock had no way to ask for it.`);
    for (let attempt = 1; key instanceof Error; attempt += 1) {
      if (attempt > MAX_PASSPHRASE_ATTEMPTS) throw authFailure(host, 'passphrase-wrong', `The passphrase for ${keyPath} was wrong ${MAX_PASSPHRASE_ATTEMPTS} times, so Airlock did not sign in to ${host}.`);
      const answer = await input.passphrase({ host, keyPath, attempt, ...(input.signal ? { signal: input.signal } : {}) });
      if (answer === null) throw authFailure(host, 'passphrase-cancelled', `You cancelled the passphrase for ${keyPath}, so Airlock did not sign in to ${host}.`);
      key = parsed(ssh2.utils.parseKey(data, answer));
      if (key instanceof Error && !isBadPassphrase(key)) throw notAKey();
    }
  }
  if (key instanceof Error || key.getPrivatePEM() === null) throw notAKey();
  return key;
}

/** The ssh2 auth method for this user; fails E_SSH_AUTH in words (never with key material or passphrase). */
export async function sshAuthMethod(input: UserAuthInput): Promise<PublicKeyAuthMethod | AgentAuthMethod> {
  if (input.auth.kind === 'agent') return { type: 'agent', username: input.username, agent: input.auth.socketPath };
  return { type: 'publickey', username: input.username, key: await keyFromFile(input, input.auth.path) };
}
