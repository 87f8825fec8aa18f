// The host-key decision: pinned wins, remembered next, first use only with policy and the user's yes; a
// different key is refused with both fingerprints and reported as a `changed` event.
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';
import { detailsFit } from '../../../../../../shared/errors/details';
import { checkHostKey } from '../../../../../../electron/services/routes/ssh/host-key-check';
import { sshFingerprint } from '../../../../../../electron/services/routes/ssh/host-key-fingerprint';
import type { HostKeyEvent, HostKeyPolicy, KnownHostsStore } from '../../../../../../electron/services/routes/ssh/ssh-route-options';

const blob = (seed: string) => Buffer.from(`ssh-ed25519-blob-${seed}`);
const PRESENTED = sshFingerprint(blob('presented'));
const OTHER = sshFingerprint(blob('other'));

function memoryStore(initial: Record<string, string> = {}): KnownHostsStore & { entries: Record<string, string> } {
  const entries = { ...initial };
  return {
    entries,
    get: (host, port) => Promise.resolve(entries[`${host}:${port}`] ?? null),
    remember: (host, port, fp) => {
      entries[`${host}:${port}`] = fp;
      return Promise.resolve();
    },
  };
}

async function check(policy: Partial<HostKeyPolicy> & { store?: KnownHostsStore }) {
  const events: HostKeyEvent[] = [];
  const full: HostKeyPolicy = { allowFirstUse: false, store: memoryStore(), ...policy };
  try {
    await checkHostKey({ via: 'jump', host: '127.0.0.1', port: 2222, key: blob('presented'), policy: full, onEvent: (e) => events.push(e) });
    return { error: null, events };
  } catch (error) {
    return { error: error as AirlockError, events };
  }
}

describe('sshFingerprint', () => {
  it('is SHA256: and unpadded base64 of the key blob, like ssh-keygen -lf', () => {
    const expected = createHash('sha256').update(blob('presented')).digest('base64').replace(/=+$/, '');
    expect(PRESENTED).toBe(`SHA256:${expected}`);
    expect(PRESENTED).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});

describe('checkHostKey', () => {
  it('accepts the pinned key without asking or remembering', async () => {
    const confirm = vi.fn();
    const store = memoryStore();
    const { error, events } = await check({ pinned: PRESENTED, store, confirm });
    expect(error).toBeNull();
    expect(confirm).not.toHaveBeenCalled();
    expect(store.entries).toEqual({});
    expect(events).toEqual([{ kind: 'pinned-match', via: 'jump', host: '127.0.0.1', port: 2222, presented: PRESENTED, expected: PRESENTED }]);
  });

  it('refuses a key different from the pinned one with both fingerprints, even if the store remembers it', async () => {
    const { error, events } = await check({ pinned: OTHER, allowFirstUse: true, store: memoryStore({ '127.0.0.1:2222': PRESENTED }), confirm: () => Promise.resolve(true) });
    expect(error).toBeInstanceOf(AirlockError);
    expect(error?.code).toBe('E_HOST_KEY_CHANGED');
    expect(error?.details).toEqual({ host: '127.0.0.1', expected: OTHER, presented: PRESENTED });
    expect(error?.message).toContain(OTHER);
    expect(error?.message).toContain(PRESENTED);
    expect(events.map((e) => e.kind)).toEqual(['changed']);
  });

  it('accepts a remembered key and refuses a different one', async () => {
    expect((await check({ allowFirstUse: true, store: memoryStore({ '127.0.0.1:2222': PRESENTED }) })).error).toBeNull();
    const { error, events } = await check({ allowFirstUse: true, store: memoryStore({ '127.0.0.1:2222': OTHER }), confirm: () => Promise.resolve(true) });
    expect(error?.code).toBe('E_HOST_KEY_CHANGED');
    expect(error?.details).toEqual({ host: '127.0.0.1', expected: OTHER, presented: PRESENTED });
    expect(events[0]).toMatchObject({ kind: 'changed', expected: OTHER, presented: PRESENTED });
  });

  it('once policy forbids first use, a key trusted on first use earlier counts as unknown: only pinned keys are accepted', async () => {
    const confirm = vi.fn();
    const { error, events } = await check({ allowFirstUse: false, store: memoryStore({ '127.0.0.1:2222': PRESENTED }), confirm });
    expect(error?.code).toBe('E_HOST_KEY_UNKNOWN');
    expect(error?.message).toContain('only pinned');
    expect(confirm).not.toHaveBeenCalled();
    expect(events.map((e) => e.kind)).toEqual(['unknown-refused']);
  });

  it('refuses an unknown key when policy forbids first use, showing the fingerprint, without asking', async () => {
    const confirm = vi.fn();
    const { error, events } = await check({ allowFirstUse: false, confirm });
    expect(error?.code).toBe('E_HOST_KEY_UNKNOWN');
    // firstUse 'forbidden' tells the app and the CLI not to offer Trust (main would refuse it anyway).
    expect(error?.details).toEqual({ host: '127.0.0.1', presented: PRESENTED, firstUse: 'forbidden' });
    expect(detailsFit('E_HOST_KEY_UNKNOWN', error?.details)).toBe(true);
    expect(error?.message).toContain(PRESENTED);
    expect(confirm).not.toHaveBeenCalled();
    expect(events.map((e) => e.kind)).toEqual(['unknown-refused']);
  });

  it('trusts an unknown key on first use only after the user confirms it, and remembers it', async () => {
    const store = memoryStore();
    const confirm = vi.fn(() => Promise.resolve(true));
    const { error, events } = await check({ allowFirstUse: true, store, confirm });
    expect(error).toBeNull();
    expect(confirm).toHaveBeenCalledWith({ host: '127.0.0.1', port: 2222, fingerprint: PRESENTED });
    expect(store.entries).toEqual({ '127.0.0.1:2222': PRESENTED });
    expect(events.map((e) => e.kind)).toEqual(['first-use-trusted']);
  });

  it('refuses when the user declines, or when nobody can be asked', async () => {
    const store = memoryStore();
    const declined = await check({ allowFirstUse: true, store, confirm: () => Promise.resolve(false) });
    expect(declined.error?.code).toBe('E_HOST_KEY_UNKNOWN');
    expect(declined.events.map((e) => e.kind)).toEqual(['first-use-declined']);
    expect(store.entries).toEqual({});
    const nobody = await check({ allowFirstUse: true, store });
    expect(nobody.error?.code).toBe('E_HOST_KEY_UNKNOWN');
    // Policy allows first use here: the key may still be trusted, so nothing says it is forbidden.
    expect(declined.error?.details).not.toHaveProperty('firstUse');
  });

  it('leaves out a host the detail schema refuses, so the error still passes the gateway check', async () => {
    let error = new AirlockError('E_INTERNAL');
    await checkHostKey({ via: 'jump', host: '-jump', port: 22, key: blob('presented'), policy: { allowFirstUse: false, store: memoryStore() } }).catch((e: unknown) => {
      if (e instanceof AirlockError) error = e;
    });
    expect(error.code).toBe('E_HOST_KEY_UNKNOWN');
    expect(error.details).toEqual({ presented: PRESENTED, firstUse: 'forbidden' });
    expect(detailsFit(error.code, error.details)).toBe(true);
  });
});
