// The macOS machine policy: managed preferences for io.airlock.desktop, forced values only (the machine-wide
// file an MDM profile writes under /Library/Managed Preferences), read through a port: a fake here; the real
// adapter converts the plist with plutil and never runs off macOS.
import { describe, expect, it, vi } from 'vitest';
import { createManagedPreferencesSource, createPlutilReader, createPolicyService, type ManagedPreferencesReader, type SourceRead } from '../../../../../electron/services/policy';

const PLIST = '/Library/Managed Preferences/io.airlock.desktop.plist';

function fake(values: Record<string, unknown> | null): ManagedPreferencesReader {
  return { read: async (bundleId) => (bundleId === 'io.airlock.desktop' && values ? { path: PLIST, values } : null) };
}
function refusal(read: SourceRead) {
  if (read.state !== 'refused') throw new Error(`expected a refusal, got ${read.state}`);
  return read.problem;
}

describe('managed preferences policy source', () => {
  it('is absent without forced preferences for the bundle id', async () => {
    expect(await createManagedPreferencesSource({ reader: fake(null) }).read()).toEqual({ state: 'absent' });
    expect(await createManagedPreferencesSource({ reader: fake({}) }).read()).toEqual({ state: 'absent' });
  });

  it('maps keys with native plist types onto the document', async () => {
    const read = await createManagedPreferencesSource({
      reader: fake({ Tenants: ['*'], LocalForwards: false, HistoryRetentionDays: 7, Rules: [{ id: 'all', effect: 'allow', actions: ['*'] }], Routes: { endpoint: ['vpn'] } }),
    }).read();
    expect(read).toMatchObject({
      state: 'present',
      info: { kind: 'managed-preferences', location: PLIST, label: `macOS managed preferences (${PLIST})` },
      value: { version: 1, tenants: ['*'], localForwards: false, retention: { historyDays: 7 }, rules: [{ id: 'all' }], routes: { endpoint: ['vpn'] } },
    });
  });

  it.each([
    [{ Foo: 1 }, /unknown key 'Foo'/],
    [{ IdleLockMinutes: '5' }, /IdleLockMinutes must be a whole number, not text/],
    [{ LocalForwards: 1 }, /LocalForwards must be true or false/],
    [{ Environments: 'sandbox' }, /Environments must be an array/],
    [{ Rules: '[]' }, /Rules must be an array or dictionary/],
  ])('refuses %j, naming the key', async (values, words) => {
    const problem = refusal(await createManagedPreferencesSource({ reader: fake(values) }).read());
    expect(problem.file).toMatch(/^\/Library\/Managed Preferences\/io\.airlock\.desktop\.plist, key /);
    expect(problem.message).toMatch(words);
  });

  it('reads the update settings as a boolean and plist strings', async () => {
    const read = await createManagedPreferencesSource({ reader: fake({ Rules: [{ id: 'all', effect: 'allow', actions: ['*'] }], UpdatesEnabled: false, UpdateChannel: 'stable', UpdateFeedUrl: 'https://updates.contoso.test/airlock' }) }).read();
    if (read.state !== 'present') throw new Error(read.state);
    expect(read.value).toMatchObject({ updates: { enabled: false, channel: 'stable', feedUrl: 'https://updates.contoso.test/airlock' } });
    expect(refusal(await createManagedPreferencesSource({ reader: fake({ UpdateFeedUrl: 7 }) }).read()).message).toMatch(/UpdateFeedUrl must be text, not a number/);
  });

  it('fails closed through the service, naming the key of a schema problem', async () => {
    const service = await createPolicyService({ machine: createManagedPreferencesSource({ reader: fake({ Rules: [{ id: 'a', effect: 'allow', actions: ['*'], when: 1 }] }) }), watch: false });
    expect(service.effective()).toMatchObject({ status: 'broken', problem: { file: `${PLIST}, key Rules`, line: null, message: expect.stringMatching(/rule 'a': unknown field 'when'/) as unknown } });
    service.dispose();
  });

  it('never runs plutil off macOS', async () => {
    const run = vi.fn();
    await expect(createPlutilReader({ platform: 'linux', run }).read('io.airlock.desktop')).rejects.toThrow(/only on macOS/);
    expect(run).not.toHaveBeenCalled();
  });
});
