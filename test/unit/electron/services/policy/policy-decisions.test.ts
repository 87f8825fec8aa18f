// Decisions over a loaded admin policy: Cedar decides (deny wins, deny by default), conditions are the four
// of seed 002 with defined meanings, Airlock's own rules cover environments, tenants, routes and anomalies,
// the baseline is always allowed, and every reason names the rule and why in plain words.
import { afterEach, describe, expect, it } from 'vitest';
import { createPolicyService, createTextPolicySource, type PolicyRequest, type PolicyService } from '../../../../../electron/services/policy';

const CHANNELS = ['app.info', 'app.health', 'app.openLink', 'auth.signIn', 'auth.signOut', 'workspace.list', 'workspace.models', 'policy.show', 'policy.explain'];
const TENANT = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const services: PolicyService[] = [];

async function serviceFor(yaml: string): Promise<PolicyService> {
  const service = await createPolicyService({
    machine: createTextPolicySource({ text: yaml, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }),
    channels: CHANNELS,
    watch: false,
  });
  services.push(service);
  return service;
}

afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

// Wednesday 2025-01-15 10:30 in Berlin (09:30 UTC).
const WEDNESDAY_MORNING = new Date('2025-01-15T09:30:00Z');

function request(over: Partial<PolicyRequest> = {}): PolicyRequest {
  return {
    channel: 'workspace.models',
    resource: { type: 'workspace', id: 'ws-1' },
    account: { accountId: 'acc-1', tenantId: TENANT },
    environmentId: 'sandbox',
    mfa: { satisfied: true },
    machine: { addresses: ['10.1.2.3'] },
    route: 'none',
    time: WEDNESDAY_MORNING,
    ...over,
  };
}

const BROWSE = `version: 1
environments: [sandbox]
tenants: ["${TENANT}"]
routes: { endpoint: private }
anomalies: { block: [repeated-failures] }
rules:
  - id: browse
    effect: allow
    actions: ["workspace.*"]
    resources: ["workspace:*"]
    conditions:
      ip_range: ["10.0.0.0/8"]
      time_window: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00", timezone: Europe/Berlin }
      mfa_required: true
      audit_logged: true
  - id: links
    effect: allow
    actions: [app.openLink]
  - id: no-secret-workspace
    effect: deny
    actions: ["workspace.*"]
    resources: ["workspace:secret-*"]
`;

describe('decide', () => {
  it('allows when a rule matches, naming it, with audit_logged as auditRequired', async () => {
    const s = await serviceFor(BROWSE);
    expect(s.decide(request())).toEqual({
      effect: 'allow',
      rule: 'browse',
      reason: "Allowed by rule 'browse'.",
      auditRequired: true,
      source: { kind: 'file', location: '/etc/airlock/policy.yaml', label: 'Policy file /etc/airlock/policy.yaml' },
    });
    expect(s.decide(request({ channel: 'app.openLink', resource: { type: 'app', id: 'airlock' } }))).toMatchObject({ effect: 'allow', rule: 'links', auditRequired: false });
  });

  it('denies by default, saying nothing allows it', async () => {
    const s = await serviceFor(BROWSE);
    const d = s.decide(request({ channel: 'auth.signIn', resource: { type: 'environment', id: 'sandbox' } }));
    expect(d).toMatchObject({ effect: 'deny', rule: null, auditRequired: false });
    expect(d.reason).toBe("Denied: no rule in the policy allows 'auth.signIn' on environment:sandbox, and Airlock denies what the policy does not allow.");
  });

  it('lets a deny rule win over an allow rule that also matches', async () => {
    const s = await serviceFor(BROWSE);
    const d = s.decide(request({ resource: { type: 'workspace', id: 'secret-7' } }));
    expect(d).toMatchObject({ effect: 'deny', rule: 'no-secret-workspace' });
    expect(d.reason).toBe("Denied by rule 'no-secret-workspace': it forbids 'workspace.models'.");
  });

  it('denies outside the time window, naming the rule, the hours and the local time', async () => {
    const s = await serviceFor(BROWSE);
    const saturdayNight = new Date('2025-01-18T20:14:00Z'); // 21:14 in Berlin
    const d = s.decide(request({ time: saturdayNight }));
    expect(d).toMatchObject({ effect: 'deny', rule: 'browse' });
    expect(d.reason).toBe("Denied by rule 'browse': it allows 'workspace.models' only between 08:00 and 18:00 on mon, tue, wed, thu, fri (Europe/Berlin); it is sat 21:14 there.");
    // 17:59 Berlin on a weekday is inside; 18:00 is not (the window ends at `to`).
    expect(s.decide(request({ time: new Date('2025-01-15T16:59:00Z') })).effect).toBe('allow');
    expect(s.decide(request({ time: new Date('2025-01-15T17:00:00Z') })).effect).toBe('deny');
  });

  it('follows daylight saving time in the rule’s zone', async () => {
    const s = await serviceFor(BROWSE);
    // 06:30 UTC is 08:30 in Berlin in July (CEST) but 07:30 in January (CET).
    expect(s.decide(request({ time: new Date('2025-07-16T06:30:00Z') })).effect).toBe('allow');
    expect(s.decide(request({ time: new Date('2025-01-15T06:30:00Z') })).effect).toBe('deny');
  });

  it('denies without MFA, and from outside the address ranges', async () => {
    const s = await serviceFor(BROWSE);
    expect(s.decide(request({ mfa: { satisfied: false } })).reason).toBe(
      "Denied by rule 'browse': it allows 'workspace.models' only after a multi-factor sign-in (MFA); sign in again with MFA to continue.",
    );
    const outside = s.decide(request({ machine: { addresses: ['192.168.0.4', 'fd00::1'] } }));
    expect(outside.reason).toBe("Denied by rule 'browse': it allows 'workspace.models' only from the networks 10.0.0.0/8, and this computer has no address in them.");
    expect(s.decide(request({ machine: { addresses: ['192.168.0.4', 'fe80::1%eth0', '10.200.0.9'] } })).effect).toBe('allow');
    expect(s.decide(request({ machine: { addresses: [] } })).effect).toBe('deny');
  });

  it('counts the other failed conditions', async () => {
    const s = await serviceFor(BROWSE);
    expect(s.decide(request({ mfa: { satisfied: false }, machine: { addresses: [] } })).reason).toMatch(/only from the networks 10\.0\.0\.0\/8.*\(and 1 more condition\)\.$/);
  });

  it('applies allowed environments and tenants (Airlock rules)', async () => {
    const s = await serviceFor(BROWSE);
    expect(s.decide(request({ environmentId: 'AzureCloud' }))).toMatchObject({
      effect: 'deny',
      rule: 'airlock-environments',
      reason: "Denied by rule 'airlock-environments': the policy allows only the environments sandbox, not 'AzureCloud'.",
    });
    const other = '11111111-2222-3333-4444-555555555555';
    expect(s.decide(request({ account: { accountId: 'a', tenantId: other } }))).toMatchObject({
      effect: 'deny',
      rule: 'airlock-tenants',
      reason: `Denied by rule 'airlock-tenants': the policy does not allow accounts of the tenant ${other}.`,
    });
    expect(s.decide(request({ account: { accountId: 'a', tenantId: TENANT.toUpperCase() } })).effect).toBe('allow');
  });

  it('requires a private route for endpoints', async () => {
    const s = await serviceFor(`version: 1\nroutes: { endpoint: private }\nrules:\n  - { id: all, effect: allow, actions: ["*"] }\n`);
    const endpoint = { type: 'endpoint' as const, id: 'ep-1' };
    expect(s.decide(request({ resource: endpoint, route: 'direct' }))).toMatchObject({
      effect: 'deny',
      rule: 'airlock-route-endpoint',
      reason: "Denied by rule 'airlock-route-endpoint': an endpoint may be reached only over VPN or SSH or Bastion, and this request would go over direct.",
    });
    expect(s.decide(request({ resource: endpoint, route: 'bastion' })).effect).toBe('allow');
    expect(s.decide(request({ route: 'direct' })).effect).toBe('allow');
  });

  it('blocks while an anomaly the policy names is active, and only then', async () => {
    const s = await serviceFor(BROWSE);
    expect(s.decide(request({ anomalies: ['repeated-failures'] }))).toMatchObject({ effect: 'deny', rule: 'airlock-anomalies' });
    expect(s.decide(request({ anomalies: ['unusual-hours'] })).effect).toBe('allow');
  });

  it('always allows the baseline, even with no rule for it, and says so', async () => {
    const s = await serviceFor('version: 1\nrules: []\n');
    for (const channel of ['app.info', 'app.health', 'auth.signOut', 'policy.show', 'policy.explain', 'audit.status', 'audit.verifyProgress', 'audit.cancelVerify']) {
      expect(s.decide(request({ channel, resource: { type: 'app', id: 'airlock' } }))).toMatchObject({ effect: 'allow', rule: 'airlock-baseline', auditRequired: false });
    }
    expect(s.decide(request({ channel: 'app.info' })).reason).toMatch(/baseline action Airlock always allows/);
    // Not baseline: the hints name every account's activity on this device.
    expect(s.decide(request({ channel: 'audit.anomalies', resource: { type: 'audit', id: 'trail' } })).effect).toBe('deny');
  });

  it('denies an action or resource type it does not know', async () => {
    const s = await serviceFor('version: 1\nrules:\n  - { id: all, effect: allow, actions: ["*"] }\n');
    expect(s.decide(request({ channel: 'workspace.delete' }))).toMatchObject({ effect: 'deny', reason: "Denied: 'workspace.delete' is not an action this version of Airlock knows." });
    expect(s.decide(request({ resource: { type: 'subscription', id: 'x' } })).effect).toBe('deny');
  });

  it('matches resource patterns exactly, by type, and with wildcards', async () => {
    const s = await serviceFor('version: 1\nrules:\n  - { id: r, effect: allow, actions: [workspace.models], resources: ["workspace:/subscriptions/s1/*", "model:exact"] }\n');
    expect(s.decide(request({ resource: { type: 'workspace', id: '/subscriptions/s1/rg/ws' } })).effect).toBe('allow');
    expect(s.decide(request({ resource: { type: 'workspace', id: '/subscriptions/s2/rg/ws' } })).effect).toBe('deny');
    expect(s.decide(request({ resource: { type: 'model', id: 'exact' } })).effect).toBe('allow');
    expect(s.decide(request({ resource: { type: 'model', id: 'exactly' } })).effect).toBe('deny');
  });

  it('handles a window across midnight: the part after midnight belongs to the day it started', async () => {
    const s = await serviceFor('version: 1\nrules:\n  - id: night\n    effect: allow\n    actions: [workspace.models]\n    conditions: { time_window: { days: [fri], from: "22:00", to: "06:00", timezone: UTC } }\n');
    expect(s.decide(request({ time: new Date('2025-01-17T23:00:00Z') })).effect).toBe('allow'); // Fri 23:00
    expect(s.decide(request({ time: new Date('2025-01-18T05:59:00Z') })).effect).toBe('allow'); // Sat 05:59, Friday's night
    expect(s.decide(request({ time: new Date('2025-01-18T23:00:00Z') })).effect).toBe('deny'); // Sat 23:00
    expect(s.decide(request({ time: new Date('2025-01-17T05:00:00Z') })).effect).toBe('deny'); // Fri 05:00, Thursday's night
    const sunday = await serviceFor('version: 1\nrules:\n  - id: night\n    effect: allow\n    actions: [workspace.models]\n    conditions: { time_window: { days: [sun], from: "22:00", to: "06:00", timezone: UTC } }\n');
    expect(sunday.decide(request({ time: new Date('2025-01-19T22:30:00Z') })).effect).toBe('allow'); // Sun 22:30
    expect(sunday.decide(request({ time: new Date('2025-01-20T05:00:00Z') })).effect).toBe('allow'); // Mon 05:00, Sunday's night (the week wraps)
    expect(sunday.decide(request({ time: new Date('2025-01-19T05:00:00Z') })).effect).toBe('deny'); // Sun 05:00, Saturday's night
    expect(sunday.decide(request({ time: new Date('2025-01-20T06:00:00Z') })).effect).toBe('deny'); // Mon 06:00, the end is not inside
  });

  it('looks at every machine address, however many there are, for allow and deny rules', async () => {
    const s = await serviceFor('version: 1\nrules:\n  - { id: all, effect: allow, actions: ["*"] }\n  - { id: not-from-lab, effect: deny, actions: [workspace.models], conditions: { ip_range: ["172.16.0.0/12"] } }\n');
    const many = Array.from({ length: 40 }, (_, i) => `10.0.0.${i + 1}`);
    expect(s.decide(request({ machine: { addresses: many } })).effect).toBe('allow');
    expect(s.decide(request({ machine: { addresses: [...many, '172.20.1.1'] } }))).toMatchObject({ effect: 'deny', rule: 'not-from-lab' });
    expect(s.decide(request({ machine: { addresses: ['not-an-address', 'fe80::1%eth0'] } })).effect).toBe('allow');
    const v6 = await serviceFor('version: 1\nrules:\n  - { id: v6, effect: allow, actions: [workspace.models], conditions: { ip_range: ["fd00::/8"] } }\n');
    expect(v6.decide(request({ machine: { addresses: [...many, 'fd12:3456::1'] } })).effect).toBe('allow');
    expect(v6.decide(request({ machine: { addresses: [...many, '2001:db8::1'] } })).effect).toBe('deny');
  });

  it('keeps every reason within the 256 characters a denial detail holds', async () => {
    const ranges = Array.from({ length: 40 }, (_, i) => `"10.${i}.0.0/16"`).join(', ');
    const s = await serviceFor(`version: 1\nrules:\n  - { id: ${'r'.repeat(64)}, effect: allow, actions: [workspace.models], conditions: { ip_range: [${ranges}] } }\n`);
    const d = s.decide(request({ resource: { type: 'workspace', id: 'w'.repeat(500) }, machine: { addresses: [] } }));
    expect(d.effect).toBe('deny');
    expect(d.reason.length).toBeLessThanOrEqual(256);
  });
});

describe('explain', () => {
  it('gives the decision, the matching rules and the reason for an action and resource', async () => {
    const s = await serviceFor(BROWSE);
    const e = s.explain('workspace.models', { type: 'workspace', id: 'secret-1' }, { account: { accountId: 'a', tenantId: TENANT }, environmentId: 'sandbox', mfa: { satisfied: true }, machine: { addresses: ['10.0.0.1'] }, time: WEDNESDAY_MORNING });
    expect(e).toMatchObject({ effect: 'deny', rule: 'no-secret-workspace', matched: ['no-secret-workspace'] });
    const allowed = s.explain('app.openLink', { type: 'app', id: 'airlock' });
    expect(allowed).toMatchObject({ effect: 'allow', rule: 'links', matched: ['links'] });
    expect(s.explain('app.info', { type: 'app', id: 'airlock' })).toMatchObject({ effect: 'allow', rule: 'airlock-baseline', matched: ['airlock-baseline'] });
  });

  it('assumes no MFA, no address, no account and no route when the caller does not say', async () => {
    const s = await serviceFor(BROWSE);
    expect(s.explain('workspace.models', { type: 'workspace', id: 'ws' })).toMatchObject({ effect: 'deny', rule: 'browse', matched: ['browse'] });
  });
});

describe('resource names for explain', () => {
  it('reads type:id and refuses anything else in words', async () => {
    const { parseResourceName } = await import('../../../../../electron/services/policy');
    expect(parseResourceName('workspace:/subscriptions/s/ws')).toEqual({ ok: true, resource: { type: 'workspace', id: '/subscriptions/s/ws' } });
    expect(parseResourceName('subscription:x')).toMatchObject({ ok: false, message: expect.stringMatching(/must start with a resource type/) as unknown });
    expect(parseResourceName('workspace:')).toMatchObject({ ok: false });
  });
});
