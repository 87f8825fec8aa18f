// Parsed data → the policy as Airlock applies it, or the first problem with its file and line. Shape first
// (strict schema: unknown keys are errors), then meaning (actions, ids, ranges, times, tenants). Never
// returns a partly valid document: one problem and the whole policy is refused (the caller fails closed).
import { checkRule, type Complaint } from './rule-checks';
import { DocumentShape, type RawDocument } from './document-schema';
import { issueWords, kindOf } from './issue-words';
import { PRIVATE_ROUTES, ROUTE_KINDS, SETTING_DEFAULTS, TOP_LEVEL_SETTINGS, type PolicyDocument, type PolicyRule, type RequiredRoute, type SettingKey } from './policy-document';
import { firstProblem, type PolicyLocator, type PolicyProblem } from './policy-problem';

export type DocumentResult = { ok: true; document: PolicyDocument } | { ok: false; problem: PolicyProblem };

const ENVIRONMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$|^\[?[0-9A-Fa-f:.]{2,45}\]?$/;

function checkList(raw: RawDocument, key: 'environments' | 'tenants', complain: (c: Complaint) => void): string[] {
  const list = raw[key];
  if (!list) return [...SETTING_DEFAULTS[key]];
  if (list.includes('*') && list.length > 1) {
    complain({ path: [key], at: 'value', message: `${key}: "*" means any and must stand alone` });
    return [];
  }
  if (list[0] === '*') return ['*'];
  list.forEach((item, i) => {
    if (key === 'environments' && !ENVIRONMENT_ID.test(item)) complain({ path: [key, i], at: 'value', message: `environment '${item.slice(0, 64)}' is not an environment id (like sandbox or AzureCloud)` });
    if (key === 'tenants' && !TENANT_ID.test(item)) {
      complain({ path: [key, i], at: 'value', message: `tenant '${item.slice(0, 64)}' is not a tenant id; write the directory (tenant) id, a GUID, which Airlock matches against your sign-in` });
    }
  });
  return key === 'tenants' ? [...new Set(list.map((t) => t.toLowerCase()))] : [...new Set(list)];
}

function routesOf(raw: RawDocument): PolicyDocument['routes'] {
  const routes: Record<string, readonly RequiredRoute[]> = {};
  for (const [type, need] of Object.entries(raw.routes ?? {})) {
    if (need === undefined || need === 'any') continue;
    routes[type] = need === 'private' ? PRIVATE_ROUTES : typeof need === 'string' ? [need] : ROUTE_KINDS.filter((r) => need.includes(r));
  }
  return routes;
}

/** The update feed must be https, with no credentials in it (a policy is readable by every user). */
function checkUpdates(raw: RawDocument, complain: (c: Complaint) => void): PolicyDocument['updates'] {
  const u = raw.updates;
  const feedUrl = u?.feedUrl ?? null;
  if (feedUrl !== null) {
    let url: URL | null = null;
    try {
      url = new URL(feedUrl);
    } catch {
      url = null;
    }
    if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
      complain({ path: ['updates', 'feedUrl'], at: 'value', message: `updates.feedUrl '${feedUrl.slice(0, 64)}' must be an https:// URL without a user name or password` });
    }
  }
  const enabled = u?.enabled ?? SETTING_DEFAULTS.updates.enabled;
  if (enabled && feedUrl === null) complain({ path: ['updates', 'enabled'], at: 'value', message: 'updates.enabled is true but updates.feedUrl is not set: name the feed Airlock may update from' });
  return { enabled, channel: u?.channel ?? SETTING_DEFAULTS.updates.channel, feedUrl };
}

function checkForwarding(raw: RawDocument, complain: (c: Complaint) => void): PolicyDocument['forwarding'] {
  const f = raw.forwarding;
  if (!f) return null;
  if (!HOST.test(f.host)) complain({ path: ['forwarding', 'host'], at: 'value', message: `forwarding.host '${f.host.slice(0, 64)}' must be a host name or an IP address, without a scheme or port` });
  if (f.caCertPath !== undefined && !/^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(f.caCertPath)) {
    complain({ path: ['forwarding', 'caCertPath'], at: 'value', message: 'forwarding.caCertPath must be an absolute path' });
  }
  return { host: f.host, port: f.port, format: f.format, ...(f.caCertPath ? { caCertPath: f.caCertPath } : {}) };
}

function located(locate: PolicyLocator, complaints: readonly Complaint[]): PolicyProblem | null {
  return firstProblem(complaints.map((c) => ({ ...locate(c.path, c.at), message: c.message })));
}

export function validateDocument(value: unknown, locate: PolicyLocator, channels: readonly string[]): DocumentResult {
  if (value === undefined || value === null) return { ok: false, problem: { ...locate([], 'value'), line: 1, message: 'the policy is empty; it must be a mapping with at least version and rules' } };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problem: { ...locate([], 'value'), message: `the policy must be a mapping of settings (version, rules, ...), not ${kindOf(value)}` } };
  }
  const parsed = DocumentShape.safeParse(value);
  if (!parsed.success) {
    const complaints = parsed.error.issues.flatMap((issue) => issueWords(value, issue));
    // A missing field next to an unknown one is most likely the same field misspelt: report the misspelling.
    const misspelt = new Set(complaints.filter((c) => c.at === 'key').map((c) => JSON.stringify(c.path.slice(0, -1))));
    const kept = complaints.filter((c) => !(c.missing && misspelt.has(JSON.stringify(c.path.slice(0, -1)))));
    return { ok: false, problem: located(locate, kept) as PolicyProblem };
  }
  const raw = parsed.data;
  const complaints: Complaint[] = [];
  const complain = (c: Complaint): void => void complaints.push(c);
  const environments = checkList(raw, 'environments', complain);
  const tenants = checkList(raw, 'tenants', complain);
  const forwarding = checkForwarding(raw, complain);
  const updates = checkUpdates(raw, complain);
  const seen = new Set<string>();
  const rules: PolicyRule[] = [];
  raw.rules.forEach((rawRule, i) => {
    const checked = checkRule(rawRule, i, seen, channels, locate(['rules', i], 'value').line);
    complaints.push(...checked.complaints);
    if (checked.rule) rules.push(checked.rule);
  });
  const problem = located(locate, complaints);
  if (problem) return { ok: false, problem };
  const set = new Set<SettingKey>(TOP_LEVEL_SETTINGS.filter((key) => Object.hasOwn(value, key)));
  if (raw.retention?.auditDays !== undefined) set.add('retention.auditDays');
  if (raw.retention?.historyDays !== undefined) set.add('retention.historyDays');
  return {
    ok: true,
    document: {
      version: 1,
      environments,
      tenants,
      idleLockMinutes: raw.idleLockMinutes ?? SETTING_DEFAULTS.idleLockMinutes,
      maxPayloadBytes: raw.maxPayloadBytes ?? SETTING_DEFAULTS.maxPayloadBytes,
      endpointAuthModes: raw.endpointAuthModes ? [...new Set(raw.endpointAuthModes)] : [...SETTING_DEFAULTS.endpointAuthModes],
      routes: routesOf(raw),
      localForwards: raw.localForwards ?? SETTING_DEFAULTS.localForwards,
      hostKeyFirstUse: raw.hostKeyFirstUse ?? SETTING_DEFAULTS.hostKeyFirstUse,
      retention: { auditDays: raw.retention?.auditDays ?? SETTING_DEFAULTS.retention.auditDays, historyDays: raw.retention?.historyDays ?? SETTING_DEFAULTS.retention.historyDays },
      forwarding,
      anomalies: { block: [...new Set(raw.anomalies?.block ?? [])] },
      updates,
      rules,
      set,
    },
  };
}
