// The route composition's small parts: the pending first-use trust (only the fingerprint main saw can be trusted),
// passphrase prompts (the key's file name only; closing cancels), and who signs in to a jump host.
import { describe, expect, it } from 'vitest';
import { createHostKeyTrust } from '../../../../../../electron/services/composition/routes/host-key-trust';
import { createPassphrasePrompts } from '../../../../../../electron/services/composition/routes/passphrase-prompts';
import { sshIdentityFor } from '../../../../../../electron/services/composition/routes/ssh-identity';
import type { Environment } from '../../../../../../electron/services/environments';

const SEEN = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
const OTHER = 'SHA256:AAAAQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

/** Known hosts in memory, keyed like the file: environment, then host:port. */
function memoryStore() {
  const remembered = new Map<string, string>();
  return {
    remembered,
    forEnvironment: (env: string) => ({
      get: async (h: string, p: number) => remembered.get(`${env} ${h}:${p}`) ?? null,
      remember: async (h: string, p: number, f: string) => void remembered.set(`${env} ${h}:${p}`, f),
    }),
  };
}

const createHostKeyTrustStore = memoryStore;

describe('first-use trust as a pending confirmation', () => {
  it('says "not yet" to the SSH route, and trusts only the fingerprint it was shown, once', async () => {
    const store = memoryStore();
    const trust = createHostKeyTrust(store);
    expect(await trust.confirmFor('Sandbox', 'jump')({ host: '127.0.0.1', port: 2222, fingerprint: SEEN })).toBe(false);
    await expect(trust.trust('Sandbox', 'jump', OTHER)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(trust.trust('Sandbox', 'bastion', SEEN)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await trust.trust('Sandbox', 'jump', SEEN)).toEqual({ host: '127.0.0.1', port: 2222, fingerprint: SEEN });
    expect(store.remembered.get('Sandbox 127.0.0.1:2222')).toBe(SEEN);
    await expect(trust.trust('Sandbox', 'jump', SEEN)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('remembers a trusted key for the environment that saw it only', async () => {
    const store = createHostKeyTrustStore();
    const trust = createHostKeyTrust(store);
    await trust.confirmFor('custom-a', 'jump')({ host: 'jump', port: 22, fingerprint: SEEN });
    await trust.trust('custom-a', 'jump', SEEN);
    expect(await store.forEnvironment('custom-a').get('jump', 22)).toBe(SEEN);
    expect(await store.forEnvironment('custom-b').get('jump', 22)).toBeNull();
  });
});

describe('drivers under a policy that forbids first use', () => {
  it('drop a key left pending from before, so the refusal is not turned back into a trustable question', async () => {
    const { driverFor } = await import('../../../../../../electron/services/composition/routes/route-drivers');
    const trust = createHostKeyTrust(createHostKeyTrustStore());
    await trust.confirmFor('Sandbox', 'jump')({ host: '127.0.0.1', port: 2222, fingerprint: SEEN });
    const environment = { id: 'Sandbox', network: { privateRanges: ['10.0.0.0/8'], jumpHost: { host: '127.0.0.1', port: 2222 } } } as unknown as Environment;
    const noop = () => undefined;
    const deps = { auth: {} as never, store: createHostKeyTrustStore(), trust, passphrase: async () => null, allowFirstUse: () => false, onHostKeyEvent: noop, clock: {} as never, scheduler: {} as never, logger: { log: noop } };
    expect(driverFor(environment, 'jump', { accountId: 'a', username: 'alice' }, deps)).not.toBeNull();
    expect(trust.pending('Sandbox', 'jump')).toBeNull();
  });
});

describe('passphrase prompts', () => {
  it('close when the connect that asked is aborted: the route gets "cancel", a late answer is E_NOT_FOUND', async () => {
    const pushed: Array<{ promptId: string }> = [];
    const prompts = createPassphrasePrompts((p) => void pushed.push(p));
    const abort = new AbortController();
    const answer = prompts.prompt({ host: 'jump', keyPath: '/k/id_ed25519', attempt: 1, signal: abort.signal });
    abort.abort();
    expect(await answer).toBeNull();
    expect(() => prompts.answer(pushed[0]!.promptId, 'late')).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }) as Error);
    // Already aborted: nobody is asked.
    expect(await prompts.prompt({ host: 'jump', keyPath: '/k/id_ed25519', attempt: 1, signal: abort.signal })).toBeNull();
    expect(pushed).toHaveLength(1);
  });

  it('push the key file name only, hand the answer to the waiting route, and refuse an unknown or answered prompt', async () => {
    const pushed: Array<{ promptId: string; key: string; attempt: number }> = [];
    const prompts = createPassphrasePrompts((p) => void pushed.push(p));
    const answer = prompts.prompt({ host: 'jump', keyPath: '/home/alice/.ssh/id_ed25519', attempt: 1 });
    expect(pushed).toEqual([{ promptId: expect.any(String) as unknown, kind: 'passphrase', key: 'id_ed25519', attempt: 1 }]);
    prompts.answer(pushed[0]!.promptId, 'secret');
    expect(await answer).toBe('secret');
    expect(() => prompts.answer(pushed[0]!.promptId, 'again')).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }) as Error);
  });

  it('cancelAll (sign-out, lock, quit) answers every open prompt with null', async () => {
    const prompts = createPassphrasePrompts(() => undefined);
    const answer = prompts.prompt({ host: 'jump', keyPath: '/k', attempt: 2 });
    prompts.cancelAll();
    expect(await answer).toBeNull();
  });
});

describe('who signs in to the jump host', () => {
  const base = { kind: 'custom', network: { privateRanges: [] } } as unknown as Environment;
  it('sandbox: the users entry matched to the signed-in username (case-insensitive), else E_SSH_AUTH', () => {
    const env = { ...base, kind: 'sandbox', sshUsers: [{ username: 'alice@contoso.test', login: 'alice', privateKeyPath: '/s/alice' }] } as Environment;
    expect(sshIdentityFor(env, 'Alice@Contoso.test')).toEqual({ login: 'alice', auth: { kind: 'key-file', path: '/s/alice' } });
    expect(() => sshIdentityFor(env, 'dave@contoso.test')).toThrow(expect.objectContaining({ code: 'E_SSH_AUTH' }) as Error);
  });

  it('elsewhere: the ssh-agent when SSH_AUTH_SOCK is set, else ~/.ssh/id_ed25519 then id_rsa, else E_SSH_AUTH', () => {
    const deps = { osUser: 'alice', homeDir: '/home/alice', platform: 'linux' as const };
    expect(sshIdentityFor(base, 'a@b', { ...deps, env: { SSH_AUTH_SOCK: '/run/agent' } })).toEqual({ login: 'alice', auth: { kind: 'agent', socketPath: '/run/agent' } });
    expect(sshIdentityFor(base, 'a@b', { ...deps, env: {}, exists: (f) => f.endsWith('id_rsa') }).auth).toEqual({ kind: 'key-file', path: '/home/alice/.ssh/id_rsa' });
    expect(() => sshIdentityFor(base, 'a@b', { ...deps, env: {}, exists: () => false })).toThrow(expect.objectContaining({ code: 'E_SSH_AUTH' }) as Error);
  });
});
