// The admin-facing policy document: JSON or YAML, strict (unknown keys and conditions rejected), deny by
// default; every problem names the file and the line in plain words, and hostile files fail closed.
import { describe, expect, it } from 'vitest';
import { readPolicyDocument, type DocumentResult } from '../../../../../electron/services/policy/document/read-document';
import type { PolicyDocument } from '../../../../../electron/services/policy/document/policy-document';

const CHANNELS = ['app.info', 'app.health', 'auth.signIn', 'auth.signOut', 'workspace.list', 'workspace.models'];
const FILE = '/etc/airlock/policy.yaml';

function yaml(text: string): DocumentResult {
  return readPolicyDocument(text, { file: FILE, format: 'yaml' }, CHANNELS);
}
function json(text: string): DocumentResult {
  return readPolicyDocument(text, { file: '/etc/airlock/policy.json', format: 'json' }, CHANNELS);
}
function ok(result: DocumentResult): PolicyDocument {
  if (!result.ok) throw new Error(`expected a valid document, got: ${result.problem.message} (line ${result.problem.line})`);
  return result.document;
}
function problem(result: DocumentResult) {
  if (result.ok) throw new Error('expected a problem, the document was accepted');
  return result.problem;
}

const FULL = `version: 1
environments: [sandbox, AzureCloud]
tenants: ["*"]
idleLockMinutes: 10
maxPayloadBytes: 1048576
endpointAuthModes: [AMLToken, AADToken]
routes: { endpoint: private }
localForwards: false
retention: { auditDays: 365, historyDays: 30 }
forwarding: { host: siem.example.com, port: 6514, format: cef }
anomalies: { block: [repeated-failures] }
rules:
  - id: browse
    effect: allow
    actions: ["workspace.*"]
    resources: ["workspace:*", "model:*"]
    conditions:
      ip_range: ["10.0.0.0/8", "192.168.1.7"]
      time_window: { days: [mon, tue, wed, thu, fri], from: "08:00", to: "18:00", timezone: "Europe/Berlin" }
      mfa_required: true
      audit_logged: true
  - id: no-models-at-night
    effect: deny
    actions: [workspace.models]
    reason: Models are not browsed at night.
    conditions:
      time_window: { days: [mon, tue, wed, thu, fri, sat, sun], from: "22:00", to: "06:00", timezone: UTC }
`;

describe('policy document: what it covers', () => {
  it('reads every setting of the document sketch from YAML', () => {
    const doc = ok(yaml(FULL));
    expect(doc).toMatchObject({
      version: 1,
      environments: ['sandbox', 'AzureCloud'],
      tenants: ['*'],
      idleLockMinutes: 10,
      maxPayloadBytes: 1048576,
      endpointAuthModes: ['AMLToken', 'AADToken'],
      routes: { endpoint: ['vpn', 'ssh', 'bastion'] },
      localForwards: false,
      retention: { auditDays: 365, historyDays: 30 },
      forwarding: { host: 'siem.example.com', port: 6514, format: 'cef' },
      anomalies: { block: ['repeated-failures'] },
    });
    expect(doc.rules[0]).toMatchObject({
      id: 'browse',
      effect: 'allow',
      actions: ['workspace.list', 'workspace.models'],
      resources: [{ type: 'workspace', id: '*' }, { type: 'model', id: '*' }],
      conditions: {
        ip_range: ['10.0.0.0/8', '192.168.1.7/32'],
        time_window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: 480, to: 1080, timezone: 'Europe/Berlin' },
        mfa_required: true,
        audit_logged: true,
      },
      line: 13,
    });
    expect(doc.rules[1]).toMatchObject({ id: 'no-models-at-night', effect: 'deny', actions: ['workspace.models'], reason: 'Models are not browsed at night.' });
    expect(doc.set).toEqual(new Set(['version', 'environments', 'tenants', 'idleLockMinutes', 'maxPayloadBytes', 'endpointAuthModes', 'routes', 'localForwards', 'retention', 'forwarding', 'anomalies', 'rules', 'retention.auditDays', 'retention.historyDays']));
  });

  it('reads the same document from JSON', () => {
    const doc = ok(json(JSON.stringify({ version: 1, rules: [{ id: 'all', effect: 'allow', actions: ['*'] }] }, null, 2)));
    expect(doc.rules[0]?.actions).toEqual(CHANNELS);
    expect(doc.environments).toEqual(['*']);
    expect(doc.set).toEqual(new Set(['version', 'rules']));
  });

  it('fills what the document leaves out with defaults and denies by default (no rules: nothing allowed)', () => {
    const doc = ok(yaml('version: 1\nrules: []\n'));
    expect(doc).toMatchObject({ environments: ['*'], tenants: ['*'], idleLockMinutes: 15, localForwards: false, hostKeyFirstUse: true, forwarding: null, anomalies: { block: [] }, routes: {} });
    expect(doc.rules).toEqual([]);
  });

  it('hostKeyFirstUse: false forbids first-use trust of jump host keys; anything but a boolean is refused', () => {
    const doc = ok(yaml('version: 1\nhostKeyFirstUse: false\nrules: []\n'));
    expect(doc.hostKeyFirstUse).toBe(false);
    expect(doc.set.has('hostKeyFirstUse')).toBe(true);
    expect(yaml('version: 1\nhostKeyFirstUse: "no"\nrules: []\n').ok).toBe(false);
  });

  it('expands service globs to the known actions and keeps explicit names', () => {
    const doc = ok(yaml('version: 1\nrules:\n  - { id: a, effect: allow, actions: ["auth.*", app.info] }\n'));
    expect(doc.rules[0]?.actions).toEqual(['auth.signIn', 'auth.signOut', 'app.info']);
  });

  it('reads an overnight time window and 24:00 as the end of the day', () => {
    const doc = ok(yaml('version: 1\nrules:\n  - id: a\n    effect: allow\n    actions: [app.info]\n    conditions: { time_window: { days: [sat], from: "18:00", to: "24:00", timezone: UTC } }\n'));
    expect(doc.rules[0]?.conditions.time_window).toEqual({ days: ['sat'], from: 1080, to: 1440, timezone: 'UTC' });
    const whole = ok(yaml('version: 1\nrules:\n  - id: a\n    effect: allow\n    actions: [app.info]\n    conditions: { time_window: { days: [sat, sun], from: "00:00", to: "24:00", timezone: UTC } }\n'));
    expect(whole.rules[0]?.conditions.time_window).toMatchObject({ from: 0, to: 1440 });
  });
});

describe('policy document: strict, with file and line', () => {
  it.each([
    ['an unknown setting', 'version: 1\nrules: []\nidleLock: 5\n', 3, /unknown setting 'idleLock'/],
    ['an unknown condition (seed 002 ignores these and fails open)', 'version: 1\nrules:\n  - id: a\n    effect: allow\n    actions: [app.info]\n    conditions:\n      ip_range: ["10.0.0.0/8"]\n      device_compliant: true\n', 8, /unknown condition 'device_compliant'.*ip_range, time_window, mfa_required, audit_logged/],
    ['an unknown rule field', 'version: 1\nrules:\n  - id: a\n    effect: allow\n    action: [app.info]\n', 5, /rule 'a'.*unknown field 'action'/],
    ['an unknown action', 'version: 1\nrules:\n  - id: a\n    effect: allow\n    actions:\n      - workspace.list\n      - workspace.delete\n', 7, /unknown action 'workspace\.delete'/],
    ['a glob matching no action', 'version: 1\nrules:\n  - { id: a, effect: allow, actions: ["invoke.*"] }\n', 3, /'invoke\.\*' matches no action/],
    ['a half glob', 'version: 1\nrules:\n  - { id: a, effect: allow, actions: ["workspace.l*"] }\n', 3, /unknown action 'workspace\.l\*'/],
    ['a wrong type', 'version: 1\nidleLockMinutes: "15"\nrules: []\n', 2, /idleLockMinutes must be a number, not text/],
    ['a number out of range', 'version: 1\nidleLockMinutes: 0\nrules: []\n', 2, /idleLockMinutes.*at least 1/],
    ['a missing version', 'rules: []\n', 1, /version/],
    ['a future version', 'version: 2\nrules: []\n', 1, /version.*1/],
    ['missing rules', 'version: 1\n', 1, /rules/],
    ['a named time window without hours', 'version: 1\nrules:\n  - id: a\n    effect: allow\n    actions: [app.info]\n    conditions:\n      time_window: business_hours\n', 7, /time_window.*days, from, to and timezone/],
    ['an unknown time zone', 'version: 1\nrules:\n  - id: a\n    effect: allow\n    actions: [app.info]\n    conditions:\n      time_window: { days: [mon], from: "08:00", to: "18:00", timezone: Mars/Olympus }\n', 7, /time zone 'Mars\/Olympus'/],
    ['an empty time window', 'version: 1\nrules:\n  - id: a\n    effect: allow\n    actions: [app.info]\n    conditions:\n      time_window: { days: [mon], from: "08:00", to: "08:00", timezone: UTC }\n', 7, /from and to are the same/],
    ['a bad time', 'version: 1\nrules:\n  - id: a\n    effect: allow\n    actions: [app.info]\n    conditions:\n      time_window: { days: [mon], from: "8am", to: "18:00", timezone: UTC }\n', 7, /HH:MM/],
    ['a bad address range', 'version: 1\nrules:\n  - id: a\n    effect: allow\n    actions: [app.info]\n    conditions:\n      ip_range:\n        - 10.0.0.0/8\n        - 10.0.0.0/33\n', 9, /'10\.0\.0\.0\/33' is not an IP address range/],
    ['duplicate rule ids', 'version: 1\nrules:\n  - { id: a, effect: allow, actions: [app.info] }\n  - { id: a, effect: deny, actions: [app.health] }\n', 4, /rule id 'a' is used twice/],
    ['a reserved rule id', 'version: 1\nrules:\n  - { id: airlock-baseline, effect: allow, actions: [app.info] }\n', 3, /'airlock-' .*reserved/],
    ['a deny rule naming a baseline action', 'version: 1\nrules:\n  - { id: a, effect: deny, actions: [auth.signOut] }\n', 3, /'auth\.signOut' is always allowed/],
    ['mfa_required on a deny rule', 'version: 1\nrules:\n  - { id: a, effect: deny, actions: [workspace.list], conditions: { mfa_required: true } }\n', 3, /mfa_required.*allow rules/],
    ['an unknown resource type', 'version: 1\nrules:\n  - { id: a, effect: allow, actions: [workspace.list], resources: ["subscription:*"] }\n', 3, /resource 'subscription:\*'.*type/],
    ['a tenant that is not an id', 'version: 1\ntenants: [contoso.com]\nrules: []\n', 2, /tenant 'contoso\.com'/],
    ['a wildcard mixed with names', 'version: 1\nenvironments: ["*", sandbox]\nrules: []\n', 2, /"\*" .*alone/],
    ['an unknown route requirement', 'version: 1\nroutes: { endpoint: carrier-pigeon }\nrules: []\n', 2, /routes\.endpoint/],
    ['a route for an unknown resource type', 'version: 1\nroutes: { subscription: private }\nrules: []\n', 2, /unknown key 'subscription' in routes/],
    ['an unknown anomaly', 'version: 1\nanomalies: { block: [moon-phase] }\nrules: []\n', 2, /anomalies\.block/],
    ['an unknown endpoint auth mode', 'version: 1\nendpointAuthModes: [Basic]\nrules: []\n', 2, /endpointAuthModes.*AMLToken, Key, AADToken/],
  ])('rejects %s, naming the line', (_what, text, line, words) => {
    const p = problem(yaml(text));
    expect(p.file).toBe(FILE);
    expect(p.line).toBe(line);
    expect(p.message).toMatch(words);
  });

  it('names the first problem by line and counts the others', () => {
    const p = problem(yaml('version: 1\nzzz: 1\nrules: []\naaa: 2\n'));
    expect(p.line).toBe(2);
    expect(p.message).toMatch(/unknown setting 'zzz'.*\(and 1 more problem\)/);
  });

  it('computes JSON lines from offsets, for syntax and for schema problems', () => {
    const syntax = problem(json('{\n  "version": 1,\n  "rules": [,]\n}\n'));
    expect(syntax).toMatchObject({ file: '/etc/airlock/policy.json', line: 3 });
    expect(syntax.message).toMatch(/not valid JSON/);
    const schema = problem(json('{\n  "version": 1,\n  "rules": [\n    { "id": "a", "effect": "allow", "actions": ["app.info"],\n      "conditions": { "mfa": true } }\n  ]\n}\n'));
    expect(schema.line).toBe(5);
    expect(schema.message).toMatch(/unknown condition 'mfa'/);
  });

  it.each([
    ['a trailing comma', '{"version": 1, "rules": [],}'],
    ['a comment', '{"version": 1, // x\n "rules": []}'],
    ['single quotes', "{'version': 1, 'rules': []}"],
    ['two documents', '{"version": 1, "rules": []} {}'],
  ])('holds JSON files to strict JSON: %s', (_what, text) => {
    expect(problem(json(text)).line).toBeGreaterThanOrEqual(1);
  });

  it('rejects a key given twice (JSON.parse would keep the last one silently)', () => {
    expect(problem(json('{"version": 1,\n"rules": [],\n"rules": [{"id": "a", "effect": "allow", "actions": ["*"]}]}')).message).toMatch(/'rules' appears twice/);
    expect(problem(yaml('version: 1\nrules: []\nrules: []\n')).line).toBe(3);
  });
});

describe('policy document: hostile files fail closed with file and line', () => {
  it('refuses a huge file', () => {
    const big = `version: 1\nrules: []\n${'# padding\n'.repeat(40_000)}`;
    const p = problem(yaml(big));
    expect(p.message).toMatch(/larger than 256 KiB/);
    expect(p.line).toBeGreaterThan(1);
  });

  it.each([
    ['deeply nested JSON', `{"version": 1, "rules": [], "x": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`, 'json'],
    ['deeply nested YAML (flow)', `version: 1\nrules: []\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, 'yaml'],
    ['deeply nested YAML (blocks)', `version: 1\nrules: []\nx:\n${Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} 1\n`, 'yaml'],
  ] as const)('refuses %s', (_what, text, format) => {
    const p = problem(format === 'json' ? json(text) : yaml(text));
    expect(p.message).toMatch(/nested more than 32 levels deep/);
    expect(p.line).toBeGreaterThanOrEqual(1);
  });

  it('refuses YAML aliases (an alias bomb) and custom tags', () => {
    const bomb = 'version: 1\nrules: []\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n';
    const p = problem(yaml(bomb));
    expect(p.message).toMatch(/anchors and aliases/);
    expect(p.line).toBe(3);
    expect(problem(yaml('version: 1\nrules: !!js/function "x"\n')).line).toBe(2);
  });

  it('treats __proto__ as an unknown setting, never as a prototype', () => {
    expect(problem(yaml('version: 1\n__proto__: { rules: [] }\n'))).toMatchObject({ line: 2, message: "unknown setting '__proto__'" });
    expect(problem(json('{"version": 1, "__proto__": {"rules": []}}'))).toMatchObject({ line: 1, message: "unknown setting '__proto__'" });
  });

  it('refuses several YAML documents in one file, and non-text keys', () => {
    expect(problem(yaml('version: 1\nrules: []\n---\nversion: 1\nrules: []\n')).line).toBe(3);
    expect(problem(yaml('version: 1\nrules: []\n? [a, b]\n: 1\n')).line).toBe(3);
  });

  it.each([
    ['an empty file', ''],
    ['a list', '- 1\n- 2\n'],
    ['a scalar', 'allow everything\n'],
    ['a null document', 'null\n'],
  ])('refuses %s', (_what, text) => {
    const p = problem(yaml(text));
    expect(p.line).toBe(1);
    expect(p.message).toMatch(/must be a mapping|empty/);
  });

  it('refuses wrong types everywhere a rule has fields', () => {
    for (const [text, line] of [
      ['version: 1\nrules: { id: a }\n', 2],
      ['version: 1\nrules:\n  - { id: 7, effect: allow, actions: [app.info] }\n', 3],
      ['version: 1\nrules:\n  - { id: a, effect: permit, actions: [app.info] }\n', 3],
      ['version: 1\nrules:\n  - { id: a, effect: allow, actions: app.info }\n', 3],
      ['version: 1\nrules:\n  - { id: a, effect: allow, actions: [app.info], conditions: { mfa_required: "yes" } }\n', 3],
      ['version: 1\nrules:\n  - { id: a, effect: allow, actions: [app.info], conditions: { ip_range: 10.0.0.0/8 } }\n', 3],
    ] as const) {
      expect(problem(yaml(text)).line).toBe(line);
    }
  });
});

describe('updates (self-update under the organization\'s control)', () => {
  const RULES = 'rules:\n  - { id: all, effect: allow, actions: ["*"] }\n';
  it('are off, on the stable channel, with no feed, unless the policy says otherwise', () => {
    expect(ok(yaml(`version: 1\n${RULES}`)).updates).toEqual({ enabled: false, channel: 'stable', feedUrl: null });
  });
  it('take a pinned channel and an https feed', () => {
    const doc = ok(yaml(`version: 1\nupdates: { enabled: true, channel: beta, feedUrl: "https://updates.contoso.test/airlock" }\n${RULES}`));
    expect(doc.updates).toEqual({ enabled: true, channel: 'beta', feedUrl: 'https://updates.contoso.test/airlock' });
    expect(doc.set.has('updates')).toBe(true);
  });
  it('refuse a feed that is not https or carries credentials, and enabled without a feed', () => {
    expect(problem(yaml(`version: 1\nupdates: { feedUrl: "http://updates.contoso.test" }\n${RULES}`)).message).toMatch(/updates\.feedUrl .* must be an https:\/\/ URL/);
    expect(problem(yaml(`version: 1\nupdates: { feedUrl: "https://u:p@updates.contoso.test" }\n${RULES}`)).message).toMatch(/without a user name or password/);
    expect(problem(yaml(`version: 1\nupdates: { enabled: true }\n${RULES}`)).message).toMatch(/updates\.feedUrl is not set/);
  });
  it('refuse an unknown key or channel (never ignored)', () => {
    expect(problem(yaml(`version: 1\nupdates: { enabled: false, autoInstall: true }\n${RULES}`)).line).toBe(2);
    expect(problem(yaml(`version: 1\nupdates: { channel: nightly }\n${RULES}`)).line).toBe(2);
  });
});
