// Signing in to the jump host: a key file (an encrypted one asks main's prompt for its passphrase, retried on a
// wrong answer, never kept) or the ssh-agent. Failures are E_SSH_AUTH in words, never with key or passphrase.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AirlockError } from '../../../../../../shared/errors/airlock-error';
import { agentSocketPath, sshAuthMethod } from '../../../../../../electron/services/routes/ssh/user-auth';

const PASSPHRASE = 'correct horse battery staple';
let plainKey: string;
let encryptedKey: string;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'airlock-user-auth-'));
  plainKey = path.join(dir, 'plain');
  encryptedKey = path.join(dir, 'encrypted');
  execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', plainKey]);
  execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-a', '2', '-N', PASSPHRASE, '-f', encryptedKey]);
});

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as AirlockError;
  }
  throw new Error('expected a failure');
};

describe('sshAuthMethod', () => {
  it('uses an unencrypted key file without asking', async () => {
    const prompt = vi.fn();
    const method = await sshAuthMethod({ auth: { kind: 'key-file', path: plainKey }, username: 'alice', host: 'jump', passphrase: prompt });
    expect(method).toMatchObject({ type: 'publickey', username: 'alice' });
    expect(prompt).not.toHaveBeenCalled();
  });

  it('asks for the passphrase of an encrypted key, again after a wrong one', async () => {
    const answers = ['wrong', PASSPHRASE];
    const prompt = vi.fn(() => Promise.resolve(answers.shift() ?? null));
    const method = await sshAuthMethod({ auth: { kind: 'key-file', path: encryptedKey }, username: 'alice', host: 'jump', passphrase: prompt });
    expect(method.type).toBe('publickey');
    expect(prompt.mock.calls).toEqual([[{ host: 'jump', keyPath: encryptedKey, attempt: 1 }], [{ host: 'jump', keyPath: encryptedKey, attempt: 2 }]]);
  });

  it('fails E_SSH_AUTH when the user cancels, gives up after three wrong answers, or nobody can ask', async () => {
    const cancelled = await failure(sshAuthMethod({ auth: { kind: 'key-file', path: encryptedKey }, username: 'a', host: 'jump', passphrase: () => Promise.resolve(null) }));
    expect(cancelled.code).toBe('E_SSH_AUTH');
    expect(cancelled.details).toEqual({ host: 'jump', reason: 'passphrase-cancelled' });
    const wrong = vi.fn(() => Promise.resolve('nope'));
    const tooMany = await failure(sshAuthMethod({ auth: { kind: 'key-file', path: encryptedKey }, username: 'a', host: 'jump', passphrase: wrong }));
    expect(tooMany.details).toEqual({ host: 'jump', reason: 'passphrase-wrong' });
    expect(wrong).toHaveBeenCalledTimes(3);
    expect(JSON.stringify(tooMany.toShape())).not.toContain('nope');
    const noPrompt = await failure(sshAuthMethod({ auth: { kind: 'key-file', path: encryptedKey }, username: 'a', host: 'jump' }));
    expect(noPrompt.details).toEqual({ host: 'jump', reason: 'passphrase-needed' });
  });

  it('fails E_SSH_AUTH for a missing or unreadable key file, naming the file but not its content', async () => {
    const missing = await failure(sshAuthMethod({ auth: { kind: 'key-file', path: '/nonexistent/id_ed25519' }, username: 'a', host: 'jump' }));
    expect(missing.code).toBe('E_SSH_AUTH');
    expect(missing.details).toEqual({ host: 'jump', reason: 'ENOENT' });
    expect(missing.message).toContain('/nonexistent/id_ed25519');
    const notAKey = await failure(sshAuthMethod({ auth: { kind: 'key-file', path: `${plainKey}.pub` }, username: 'a', host: 'jump' }));
    expect(notAKey.details).toEqual({ host: 'jump', reason: 'not-a-private-key' });
  });

  it('hands the agent socket to ssh2', async () => {
    expect(await sshAuthMethod({ auth: { kind: 'agent', socketPath: '/tmp/agent.sock' }, username: 'bob', host: 'jump' })).toEqual({ type: 'agent', username: 'bob', agent: '/tmp/agent.sock' });
  });
});

describe('agentSocketPath', () => {
  it('is SSH_AUTH_SOCK, pageant on Windows, else null', () => {
    expect(agentSocketPath({ SSH_AUTH_SOCK: '/run/user/1/agent' }, 'linux')).toBe('/run/user/1/agent');
    expect(agentSocketPath({}, 'linux')).toBeNull();
    expect(agentSocketPath({}, 'win32')).toBe('pageant');
    expect(agentSocketPath({ SSH_AUTH_SOCK: '\\\\.\\pipe\\openssh-ssh-agent' }, 'win32')).toBe('\\\\.\\pipe\\openssh-ssh-agent');
  });
});
