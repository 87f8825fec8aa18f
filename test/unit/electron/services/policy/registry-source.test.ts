// The Windows machine policy: HKLM\Software\Policies\Airlock, one registry value per top-level setting
// (what Group Policy and ADMX templates write), Rules/Routes/Forwarding as JSON text. Read through the
// RegistryReader port: a fake here; the real adapter parses `reg query` output and never runs off Windows.
import { describe, expect, it, vi } from 'vitest';
import {
  createPolicyService,
  createRegistryPolicySource,
  createRegQueryReader,
  parseRegQueryOutput,
  type RegistryReader,
  type RegistryValue,
  type SourceRead,
} from '../../../../../electron/services/policy';

const KEY = 'HKLM\\Software\\Policies\\Airlock';
const CHANNELS = ['app.info', 'workspace.list', 'workspace.models'];

function fakeReader(values: readonly RegistryValue[] | null): RegistryReader & { reads: number } {
  const reader = {
    reads: 0,
    async read(key: string) {
      expect(key).toBe(KEY);
      reader.reads++;
      return values;
    },
  };
  return reader;
}
const RULES: RegistryValue = { name: 'Rules', type: 'REG_SZ', data: '[{"id": "browse", "effect": "allow", "actions": ["workspace.*"]}]' };

function refusal(read: SourceRead) {
  if (read.state !== 'refused') throw new Error(`expected a refusal, got ${read.state}`);
  return read.problem;
}

describe('registry policy source', () => {
  it('is absent when the key does not exist or holds no values', async () => {
    expect(await createRegistryPolicySource({ reader: fakeReader(null) }).read()).toEqual({ state: 'absent' });
    expect(await createRegistryPolicySource({ reader: fakeReader([]) }).read()).toEqual({ state: 'absent' });
  });

  it('maps one value per setting onto the document', async () => {
    const read = await createRegistryPolicySource({
      reader: fakeReader([
        { name: 'Environments', type: 'REG_MULTI_SZ', data: ['sandbox', 'AzureCloud'] },
        { name: 'idlelockminutes', type: 'REG_DWORD', data: 5 },
        { name: 'MaxPayloadBytes', type: 'REG_DWORD', data: 2048 },
        { name: 'LocalForwards', type: 'REG_DWORD', data: 1 },
        { name: 'AuditRetentionDays', type: 'REG_DWORD', data: 90 },
        { name: 'EndpointAuthModes', type: 'REG_MULTI_SZ', data: ['Key'] },
        { name: 'AnomaliesBlock', type: 'REG_MULTI_SZ', data: ['new-network'] },
        { name: 'Routes', type: 'REG_SZ', data: '{"endpoint": "private"}' },
        { name: 'Forwarding', type: 'REG_SZ', data: '{"host": "siem.corp", "port": 6514, "format": "json"}' },
        RULES,
      ]),
    }).read();
    expect(read).toMatchObject({
      state: 'present',
      info: { kind: 'registry', location: KEY, label: `Windows Group Policy (${KEY})` },
      value: {
        version: 1,
        environments: ['sandbox', 'AzureCloud'],
        idleLockMinutes: 5,
        maxPayloadBytes: 2048,
        localForwards: true,
        retention: { auditDays: 90 },
        endpointAuthModes: ['Key'],
        anomalies: { block: ['new-network'] },
        routes: { endpoint: 'private' },
        forwarding: { host: 'siem.corp', port: 6514, format: 'json' },
        rules: [{ id: 'browse', effect: 'allow', actions: ['workspace.*'] }],
      },
    });
  });

  it.each([
    [{ name: 'IdleLock', type: 'REG_DWORD', data: 5 }, `${KEY}\\IdleLock`, /unknown value 'IdleLock'.*IdleLockMinutes/],
    [{ name: 'IdleLockMinutes', type: 'REG_SZ', data: '5' }, `${KEY}\\IdleLockMinutes`, /must be a REG_DWORD \(a number\), not REG_SZ/],
    [{ name: 'LocalForwards', type: 'REG_DWORD', data: 2 }, `${KEY}\\LocalForwards`, /must be 0 or 1/],
    [{ name: 'Environments', type: 'REG_SZ', data: 'sandbox' }, `${KEY}\\Environments`, /must be a REG_MULTI_SZ \(a list\), not REG_SZ/],
    [{ name: 'Routes', type: 'REG_DWORD', data: 1 }, `${KEY}\\Routes`, /must be a REG_SZ holding JSON, not REG_DWORD/],
  ] as const)('refuses %j with the value named', async (bad, file, words) => {
    const problem = refusal(await createRegistryPolicySource({ reader: fakeReader([bad, RULES]) }).read());
    expect(problem).toMatchObject({ file, line: null });
    expect(problem.message).toMatch(words);
  });

  it('reads the update settings: a REG_DWORD switch and REG_SZ texts (not JSON)', async () => {
    const read = await createRegistryPolicySource({
      reader: fakeReader([
        RULES,
        { name: 'UpdatesEnabled', type: 'REG_DWORD', data: 1 },
        { name: 'UpdateChannel', type: 'REG_SZ', data: 'beta' },
        { name: 'UpdateFeedUrl', type: 'REG_SZ', data: 'https://updates.contoso.test/airlock' },
      ]),
    }).read();
    if (read.state !== 'present') throw new Error(read.state);
    expect(read.value).toMatchObject({ updates: { enabled: true, channel: 'beta', feedUrl: 'https://updates.contoso.test/airlock' } });
    const wrong = await createRegistryPolicySource({ reader: fakeReader([RULES, { name: 'UpdateChannel', type: 'REG_DWORD', data: 1 }]) }).read();
    expect(refusal(wrong).message).toBe("value 'UpdateChannel' must be a REG_SZ (text), not REG_DWORD");
  });

  it('names the line inside a JSON value', async () => {
    const rules: RegistryValue = { name: 'Rules', type: 'REG_SZ', data: '[\n  {"id": "a", "effect": "allow",\n   "actions": ["app.info"],,\n  }\n]' };
    expect(refusal(await createRegistryPolicySource({ reader: fakeReader([rules]) }).read())).toMatchObject({ file: `${KEY}\\Rules`, line: 3 });
  });

  it('fails closed through the service, naming the value and the line of a schema problem', async () => {
    const rules: RegistryValue = { name: 'Rules', type: 'REG_SZ', data: '[\n {"id": "a", "effect": "allow",\n  "actions": ["workspace.delete"]}\n]' };
    const service = await createPolicyService({ machine: createRegistryPolicySource({ reader: fakeReader([rules]) }), channels: CHANNELS, watch: false });
    expect(service.effective()).toMatchObject({ status: 'broken', problem: { file: `${KEY}\\Rules`, line: 3, message: expect.stringMatching(/unknown action 'workspace\.delete'/) as unknown } });
    const idle = await createPolicyService({
      machine: createRegistryPolicySource({ reader: fakeReader([{ name: 'IdleLockMinutes', type: 'REG_DWORD', data: 0 }, RULES]) }),
      channels: CHANNELS,
      watch: false,
    });
    expect(idle.effective().problem).toMatchObject({ file: `${KEY}\\IdleLockMinutes`, line: null, message: 'idleLockMinutes must be at least 1' });
    service.dispose();
    idle.dispose();
  });

  it('says so when a policy sets values but no Rules (deny by default would refuse everything)', async () => {
    const service = await createPolicyService({ machine: createRegistryPolicySource({ reader: fakeReader([{ name: 'IdleLockMinutes', type: 'REG_DWORD', data: 5 }]) }), channels: CHANNELS, watch: false });
    expect(service.effective()).toMatchObject({ status: 'broken', problem: { file: KEY, message: expect.stringMatching(/rules is missing/) as unknown } });
    service.dispose();
  });

  it('polls for changes through the scheduler', async () => {
    const tasks: (() => void)[] = [];
    const scheduler = { schedule: (_ms: number, run: () => void) => (tasks.push(run), { cancel: () => undefined }) };
    const changed = vi.fn();
    const stop = createRegistryPolicySource({ reader: fakeReader(null), scheduler, pollMs: 30_000 }).watch(changed);
    tasks.shift()?.();
    tasks.shift()?.();
    expect(changed).toHaveBeenCalledTimes(2);
    stop();
  });
});

describe('reg query adapter', () => {
  const OUTPUT = [
    '',
    'HKEY_LOCAL_MACHINE\\Software\\Policies\\Airlock',
    '    Environments    REG_MULTI_SZ    sandbox\\0AzureCloud',
    '    IdleLockMinutes    REG_DWORD    0xf',
    '    Rules    REG_SZ    [{"id": "a b", "effect": "allow", "actions": ["*"]}]',
    '    Empty    REG_SZ    ',
    '',
    'HKEY_LOCAL_MACHINE\\Software\\Policies\\Airlock\\Sub',
    '',
  ].join('\r\n');

  it('parses values and their types, and ignores subkeys', () => {
    expect(parseRegQueryOutput(OUTPUT)).toEqual([
      { name: 'Environments', type: 'REG_MULTI_SZ', data: ['sandbox', 'AzureCloud'] },
      { name: 'IdleLockMinutes', type: 'REG_DWORD', data: 15 },
      { name: 'Rules', type: 'REG_SZ', data: '[{"id": "a b", "effect": "allow", "actions": ["*"]}]' },
      { name: 'Empty', type: 'REG_SZ', data: '' },
    ]);
  });

  it('answers null for a missing key, and never runs reg.exe off Windows', async () => {
    const missing = vi.fn(async () => ({ code: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.' }));
    expect(await createRegQueryReader({ platform: 'win32', run: missing }).read(KEY)).toBeNull();
    expect(missing).toHaveBeenCalledWith(expect.stringMatching(/System32\\reg\.exe$/i), ['query', KEY, '/reg:64']);
    const run = vi.fn();
    await expect(createRegQueryReader({ platform: 'linux', run }).read(KEY)).rejects.toThrow(/only on Windows/);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('machine policy source per platform', () => {
  it('reads the registry on Windows, managed preferences on macOS, /etc/airlock elsewhere', async () => {
    const { createMachinePolicySource } = await import('../../../../../electron/services/policy');
    expect(createMachinePolicySource({ platform: 'win32' }).info).toMatchObject({ kind: 'registry', location: KEY });
    expect(createMachinePolicySource({ platform: 'darwin' }).info).toMatchObject({ kind: 'managed-preferences', location: '/Library/Managed Preferences/io.airlock.desktop.plist' });
    expect(createMachinePolicySource({ platform: 'linux' }).info).toMatchObject({ kind: 'file', location: '/etc/airlock/policy.{json,yaml,yml}' });
  });
});
