// The request context of one call: who (the session's active account and its tokens' MFA facts), where
// (this machine's non-internal addresses, cached), when, on what — without reading the vault or the network.
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createContextBuilder, createMachineAddresses, type ActiveIdentity } from '../../../../../electron/services/guard';
import { fixedClock } from '../../../../support/test-airlock';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null, ...(family === 'IPv6' ? { scopeid: 0 } : {}) }) as NetworkInterfaceInfo;

const DANA: ActiveIdentity = {
  account: { accountId: 'oid.tid', username: 'dana@contoso.test', tenantId: 'tid', environmentId: 'Sandbox' },
  amr: ['pwd', 'mfa'],
  acrs: [],
  mfaAuthContextId: 'c1',
};

function builder(identity: ActiveIdentity | null | (() => Promise<ActiveIdentity | null>), defaultEnvironmentId: string | null = 'AzureCloud') {
  const clock = fixedClock('2026-11-23T12:00:00.000Z');
  return createContextBuilder({
    identity: typeof identity === 'function' ? identity : async () => identity,
    defaultEnvironmentId: () => defaultEnvironmentId,
    addresses: { current: () => ['10.1.2.3'] },
    clock,
  });
}

describe('machine addresses', () => {
  it('lists non-internal addresses only, and reads the interfaces again only after the cache expires', () => {
    const clock = fixedClock();
    let reads = 0;
    const addresses = createMachineAddresses({
      clock,
      ttlMs: 30_000,
      read: () => {
        reads += 1;
        return { lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)], eth0: [iface('10.1.2.3', 'IPv4'), iface('fe80::1', 'IPv6')], wg0: undefined };
      },
    });
    expect(addresses.current()).toEqual(['10.1.2.3', 'fe80::1']);
    addresses.current();
    expect(reads).toBe(1);
    clock.advance(30_001);
    addresses.current();
    expect(reads).toBe(2);
  });

  it('answers no addresses, rather than failing the call, when the interfaces cannot be read', () => {
    const addresses = createMachineAddresses({ clock: fixedClock(), read: () => { throw new Error('uv_interface_addresses'); } });
    expect(addresses.current()).toEqual([]);
  });
});

describe('context builder', () => {
  it('builds the context from the active account, its MFA facts, the machine, the time and the host', async () => {
    const ctx = await builder(DANA)({ channel: 'workspace.models', resource: { type: 'workspace', id: 'ws-1' }, host: 'electron' });
    expect(ctx).toMatchObject({
      channel: 'workspace.models',
      resource: { type: 'workspace', id: 'ws-1' },
      account: DANA.account,
      environmentId: 'Sandbox',
      mfa: { amr: ['pwd', 'mfa'], acrs: [], satisfied: true },
      machine: { addresses: ['10.1.2.3'] },
      route: 'none',
      host: 'electron',
    });
    expect(ctx.time.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(ctx.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives each call its own correlation id', async () => {
    const build = builder(DANA);
    const call = { channel: 'app.info', resource: { type: 'app', id: 'airlock' }, host: 'cli' } as const;
    expect((await build(call)).correlationId).not.toBe((await build(call)).correlationId);
  });

  it("counts the environment's auth context in acrs as MFA, and nothing else", async () => {
    const call = { channel: 'workspace.list', resource: { type: 'workspace', id: '*' }, host: 'test' } as const;
    expect((await builder({ ...DANA, amr: ['pwd'], acrs: ['c1'] })(call)).mfa.satisfied).toBe(true);
    expect((await builder({ ...DANA, amr: ['pwd'], acrs: ['c2'] })(call)).mfa.satisfied).toBe(false);
    expect((await builder({ ...DANA, amr: ['pwd'], acrs: ['c1'], mfaAuthContextId: null })(call)).mfa.satisfied).toBe(false);
  });

  it('has no account when nobody is signed in: the environment is the one the request names, else the default', async () => {
    const signIn = await builder(null)({ channel: 'auth.signIn', resource: { type: 'environment', id: 'Sandbox' }, host: 'preview' });
    expect(signIn).toMatchObject({ account: null, environmentId: 'Sandbox', mfa: { amr: [], acrs: [], satisfied: false } });
    expect((await builder(null)({ channel: 'app.info', resource: { type: 'app', id: 'airlock' }, host: 'cli' })).environmentId).toBe('AzureCloud');
    expect((await builder(null, null)({ channel: 'app.info', resource: { type: 'app', id: 'airlock' }, host: 'cli' })).environmentId).toBeNull();
  });

  it('treats an identity that cannot be read as nobody, instead of failing the call', async () => {
    const ctx = await builder(async () => Promise.reject(new Error('vault locked')))({ channel: 'auth.unlock', resource: { type: 'account', id: 'active' }, host: 'electron' });
    expect(ctx.account).toBeNull();
  });
});
