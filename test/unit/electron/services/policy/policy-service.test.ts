// The service around the decision point: where the effective policy comes from (machine policy, else the
// bundled default), what Settings → Policy and `airlock policy show` see, which settings the organization
// manages, and failing closed — never falling back to the default or allow-all — when a machine policy is
// broken or the engine cannot start.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPolicyService,
  createTextPolicySource,
  type PolicyRequest,
  type PolicyService,
  type PolicySource,
} from '../../../../../electron/services/policy';

const CHANNELS = ['app.info', 'app.health', 'auth.signIn', 'auth.signOut', 'workspace.list', 'workspace.models'];
const NOW = new Date('2025-03-04T05:06:07Z');
const clock = { now: () => NOW, monotonicMs: () => 0 };
const services: PolicyService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

async function serviceWith(machine: PolicySource | null, extra: Partial<Parameters<typeof createPolicyService>[0]> = {}): Promise<PolicyService> {
  const s = await createPolicyService({ machine, channels: CHANNELS, clock, watch: false, ...extra });
  services.push(s);
  return s;
}
function machineYaml(text: string): PolicySource {
  return createTextPolicySource({ text, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' });
}
const absent: PolicySource = { info: { kind: 'file', location: '/etc/airlock/policy.{json,yaml,yml}', label: 'x' }, read: async () => ({ state: 'absent' }), watch: () => () => undefined };

const request = (channel: string): PolicyRequest => ({
  channel,
  resource: { type: 'workspace', id: 'w' },
  account: null,
  environmentId: 'sandbox',
  mfa: { satisfied: false },
  machine: { addresses: [] },
  route: 'none',
  time: NOW,
});

describe('policy service: sources', () => {
  it('uses the bundled default when there is no machine policy, managing nothing', async () => {
    for (const machine of [null, absent]) {
      const s = await serviceWith(machine);
      expect(s.effective()).toMatchObject({
        status: 'ok',
        source: { kind: 'default', location: 'built-in default policy', label: "Airlock's built-in default (no policy from your organization)" },
        loadedAt: NOW.toISOString(),
        managed: [],
        problem: null,
        engine: expect.stringMatching(/^cedar 4\./) as unknown,
      });
      expect(s.decide(request('workspace.models'))).toMatchObject({ effect: 'allow', rule: 'unmanaged-allow-all' });
      expect(Object.values(s.settings() as unknown as Record<string, { managed: boolean }>).every((setting) => !setting.managed)).toBe(true);
      expect(s.settings().idleLockMinutes).toEqual({ value: 15, managed: false });
    }
  });

  it('shows the machine policy as applied, with the settings it sets as managed', async () => {
    const s = await serviceWith(machineYaml('version: 1\nidleLockMinutes: 5\nretention: { auditDays: 90 }\nrules:\n  - { id: browse, effect: allow, actions: ["workspace.*"] }\n'));
    const effective = s.effective();
    expect(effective).toMatchObject({ status: 'ok', source: { kind: 'file', location: '/etc/airlock/policy.yaml' }, problem: null });
    expect(effective.managed).toEqual(expect.arrayContaining(['idleLockMinutes', 'retention', 'retention.auditDays', 'rules', 'version']));
    expect(effective.document).toMatchObject({ idleLockMinutes: 5, retention: { auditDays: 90, historyDays: 30 }, rules: [{ id: 'browse', effect: 'allow', actions: ['workspace.list', 'workspace.models'] }] });
    expect(effective.cedar).toMatch(/@id\("browse"\)\npermit\(principal, action in \[Airlock::Action::"workspace\.list", Airlock::Action::"workspace\.models"\], resource\);/);
    expect(s.settings()).toMatchObject({
      idleLockMinutes: { value: 5, managed: true },
      auditRetentionDays: { value: 90, managed: true },
      historyRetentionDays: { value: 30, managed: false },
      allowLocalForwards: { value: false, managed: false },
    });
    expect(JSON.parse(JSON.stringify(effective))).toEqual(effective);
  });
});

describe('policy service: Cedar', () => {
  it('parses the policy once per load, decides with the preparsed sets only, and asks Cedar once per distinct request', async () => {
    const { loadCedar } = await import('../../../../../electron/services/policy/cedar/cedar-engine');
    const real = await loadCedar();
    const calls = { preparse: 0, stateful: 0, oneShot: 0 };
    const counting = {
      ...real,
      preparsePolicySet: (...args: Parameters<typeof real.preparsePolicySet>) => (calls.preparse++, real.preparsePolicySet(...args)),
      statefulIsAuthorized: (...args: Parameters<typeof real.statefulIsAuthorized>) => (calls.stateful++, real.statefulIsAuthorized(...args)),
      isAuthorized: (...args: Parameters<typeof real.isAuthorized>) => (calls.oneShot++, real.isAuthorized(...args)),
    };
    const s = await serviceWith(machineYaml('version: 1\nrules:\n  - { id: list, effect: allow, actions: [workspace.list] }\n'), { loadCedar: async () => counting });
    const parsedAtLoad = calls.preparse;
    expect(parsedAtLoad).toBeGreaterThan(0);
    const first = s.decide(request('workspace.list'));
    for (let i = 0; i < 49; i++) expect(s.decide(request('workspace.list'))).toEqual(first);
    // The same request against the same policy has the same answer: Cedar is asked once.
    expect(first).toMatchObject({ effect: 'allow', rule: 'list' });
    expect(calls).toEqual({ preparse: parsedAtLoad, stateful: 1, oneShot: 0 });
    // Any fact that differs is a different request (another resource; another minute of the clock would be too).
    expect(s.decide({ ...request('workspace.list'), resource: { type: 'workspace', id: 'other' } })).toMatchObject({ effect: 'allow' });
    expect(s.decide(request('workspace.models'))).toMatchObject({ effect: 'deny' });
    expect(calls.stateful).toBeGreaterThanOrEqual(3);
    const asked = calls.stateful;
    expect(s.decide(request('workspace.models'))).toMatchObject({ effect: 'deny' });
    expect(calls.stateful).toBe(asked);
  });
});

describe('policy service: fails closed', () => {
  const BROKEN = 'version: 1\nrules:\n  - { id: all, effect: allow, actions: ["*"], conditions: { device: managed } }\n';

  it('denies everything but the baseline when the machine policy is broken, naming file and line', async () => {
    const s = await serviceWith(machineYaml(BROKEN));
    expect(s.effective()).toMatchObject({
      status: 'broken',
      source: { kind: 'file', location: '/etc/airlock/policy.yaml' },
      document: null,
      cedar: null,
      problem: { file: '/etc/airlock/policy.yaml', line: 3, text: expect.stringMatching(/^\/etc\/airlock\/policy\.yaml, line 3: rule 'all': unknown condition 'device'/) as unknown },
    });
    const denied = s.decide(request('workspace.models'));
    expect(denied).toMatchObject({ effect: 'deny', rule: null });
    expect(denied.reason).toMatch(/^Denied: the policy \(\/etc\/airlock\/policy\.yaml, line 3\) cannot be used, so Airlock allows only its baseline actions until it is fixed: rule 'all': unknown condition/);
    expect(denied.reason.length).toBeLessThanOrEqual(256);
    expect(s.decide(request('auth.signOut'))).toMatchObject({ effect: 'allow', rule: 'airlock-baseline' });
  });

  it('never falls back to the default (or allow-all) when a machine policy is present but refused', async () => {
    const refused: PolicySource = {
      info: absent.info,
      read: async () => ({ state: 'refused', info: { kind: 'file', location: '/etc/airlock/policy.json', label: 'x' }, problem: { file: '/etc/airlock/policy.json', line: null, message: 'other users can change it' }, fingerprint: 'f' }),
      watch: () => () => undefined,
    };
    const s = await serviceWith(refused);
    expect(s.effective().status).toBe('broken');
    expect(s.decide(request('workspace.list')).effect).toBe('deny');
  });

  it('treats a source that throws as broken, not absent', async () => {
    const throwing: PolicySource = { info: absent.info, read: () => Promise.reject(new Error('EIO')), watch: () => () => undefined };
    const s = await serviceWith(throwing);
    expect(s.effective()).toMatchObject({ status: 'broken', problem: { message: 'Airlock could not read the machine policy' } });
  });

  it('restricts the managed settings while broken, and never shortens retention', async () => {
    const s = await serviceWith(machineYaml(BROKEN));
    expect(s.settings()).toMatchObject({
      allowLocalForwards: { value: false, managed: true },
      endpointAuthModes: { value: [], managed: true },
      auditRetentionDays: { value: 3650, managed: true },
    });
  });

  it('fails closed when the policy engine cannot start', async () => {
    const s = await serviceWith(null, { loadCedar: () => Promise.reject(new Error('no wasm')) });
    expect(s.effective()).toMatchObject({ status: 'broken', problem: { message: expect.stringMatching(/policy engine \(Cedar\) could not start/) as unknown } });
    expect(s.decide(request('workspace.models')).effect).toBe('deny');
    expect(s.decide(request('app.info')).effect).toBe('allow');
  });
});

describe('policy service: changes', () => {
  it('reloads on request and tells listeners only when the effective policy changed', async () => {
    let text = 'version: 1\nrules: []\n';
    const source: PolicySource = {
      info: absent.info,
      read: async () => machineYaml(text).read(),
      watch: () => () => undefined,
    };
    const s = await serviceWith(source);
    let calls = 0;
    const stop = s.onChange(() => calls++);
    expect(s.decide(request('workspace.list')).effect).toBe('deny');
    await s.reload();
    expect(calls).toBe(0);
    text = 'version: 1\nrules:\n  - { id: list, effect: allow, actions: [workspace.list] }\n';
    await s.reload();
    expect(calls).toBe(1);
    expect(s.decide(request('workspace.list'))).toMatchObject({ effect: 'allow', rule: 'list' });
    text = 'version: 1\nrules: {}\n';
    await s.reload();
    expect(calls).toBe(2);
    expect(s.decide(request('workspace.list')).effect).toBe('deny');
    stop();
    text = 'version: 1\nrules: []\n';
    await s.reload();
    expect(calls).toBe(2);
  });

  it('debounces the source’s change signals through the scheduler', async () => {
    let signal: () => void = () => undefined;
    const tasks: (() => void)[] = [];
    const scheduler = { schedule: (_ms: number, run: () => void) => (tasks.push(run), { cancel: () => void tasks.splice(tasks.indexOf(run), 1) }) };
    let reads = 0;
    const source: PolicySource = {
      info: absent.info,
      read: async () => (reads++, { state: 'absent' }),
      watch: (changed) => ((signal = changed), () => undefined),
    };
    const s = await createPolicyService({ machine: source, channels: CHANNELS, scheduler });
    services.push(s);
    signal();
    signal();
    signal();
    expect(tasks).toHaveLength(1);
    tasks.shift()?.();
    await s.reload();
    expect(reads).toBe(3);
  });
});
