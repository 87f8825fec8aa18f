// The effective admin policy as Settings → Policy and `airlock policy show` display it (policy.show), and an
// explanation as policy.explain answers it: the policy service's data turned into the contract's display
// shapes — settings in plain words with their "managed" flag, the document as YAML. Reads the policy service
// only; never decides anything itself and never widens what the policy says.
import { stringify } from 'yaml';
import type { PolicyExplanationView, PolicySettingView, PolicyView } from '../../../shared/contract/schemas/policy';
import type { ManagedSettings, PolicyExplanation, PolicyService } from '../policy';

const LABELS: Readonly<Record<keyof ManagedSettings, string>> = {
  idleLockMinutes: 'Idle lock',
  maxPayloadBytes: 'Largest request payload',
  auditRetentionDays: 'Audit records kept for',
  historyRetentionDays: 'History kept for',
  allowLocalForwards: 'Local port forwards',
  hostKeyFirstUse: 'Trust a new jump host key on first use',
  endpointAuthModes: 'Endpoint sign-in modes',
  routes: 'Required routes',
  forwarding: 'Audit forwarding',
  environments: 'Allowed environments',
  tenants: 'Allowed tenants',
  anomalyBlock: 'Anomaly hints that block',
  updates: 'Automatic updates',
};

const ORDER = Object.keys(LABELS) as (keyof ManagedSettings)[];

/**
 * Settings the policy can hold but nothing in this version enforces yet (none today: the history service keeps
 * historyRetentionDays since issue 11). Kept so a setting added before its enforcement is shown honestly. Shown with these words so nobody reads them as
 * in force; remove a name here in the change that starts enforcing it.
 */
const NOT_USED_YET: ReadonlySet<keyof ManagedSettings> = new Set([]);
export const NOT_USED_YET_WORDS = '(not used by this version yet)';

function plural(n: number, one: string): string {
  return `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
}

function bytesWords(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return plural(bytes, 'byte');
}

function listWords(items: readonly string[], empty: string): string {
  if (items.length === 0) return empty;
  return items.includes('*') ? 'Any' : items.join(', ');
}

/** One setting's value in display words (what the Settings screen and the CLI show). */
export function settingWords(name: keyof ManagedSettings, settings: ManagedSettings): string {
  switch (name) {
    case 'idleLockMinutes':
      return plural(settings.idleLockMinutes.value, 'minute');
    case 'maxPayloadBytes':
      return bytesWords(settings.maxPayloadBytes.value);
    case 'auditRetentionDays':
      return plural(settings.auditRetentionDays.value, 'day');
    case 'historyRetentionDays':
      return plural(settings.historyRetentionDays.value, 'day');
    case 'allowLocalForwards':
      return settings.allowLocalForwards.value ? 'Allowed' : 'Not allowed';
    case 'hostKeyFirstUse':
      return settings.hostKeyFirstUse.value ? 'Allowed, after you confirm the fingerprint' : 'Not allowed (pinned or remembered keys only)';
    case 'endpointAuthModes':
      return listWords(settings.endpointAuthModes.value, 'None allowed');
    case 'routes': {
      const entries = Object.entries(settings.routes.value);
      return entries.length === 0 ? 'Any route' : entries.map(([type, routes]) => `${type}: ${routes.join(' or ')}`).join('; ');
    }
    case 'forwarding': {
      const target = settings.forwarding.value;
      if (!target) return 'Off';
      const host = target.host.includes(':') ? `[${target.host}]` : target.host;
      return `${host}:${target.port} (${target.format.toUpperCase()})`;
    }
    case 'environments':
      return listWords(settings.environments.value, 'None allowed');
    case 'tenants':
      return listWords(settings.tenants.value, 'None allowed');
    case 'anomalyBlock':
      return listWords(settings.anomalyBlock.value, 'None (hints only)');
    case 'updates': {
      // This version has no updater: say what the policy allows and that nothing updates on its own anyway.
      const u = settings.updates.value;
      if (!u.enabled) return 'Off';
      return `Allowed from ${u.feedUrl ?? 'no feed'} (${u.channel} channel); this version does not update itself`;
    }
  }
}

export function policyView(policy: PolicyService): PolicyView {
  const effective = policy.effective();
  const settings = policy.settings();
  const rows: PolicySettingView[] = ORDER.map((name) => {
    const words = settingWords(name, settings);
    return { name, label: LABELS[name], value: NOT_USED_YET.has(name) ? `${words} ${NOT_USED_YET_WORDS}` : words, managed: settings[name].managed };
  });
  return {
    status: effective.status,
    source: { kind: effective.source.kind, location: effective.source.location, label: effective.source.label },
    loadedAt: effective.loadedAt,
    engine: effective.engine,
    problem: effective.problem?.text ?? null,
    documentText: effective.document ? stringify(effective.document, { lineWidth: 0 }) : null,
    settings: rows,
  };
}

export function explanationView(explanation: PolicyExplanation): PolicyExplanationView {
  return {
    effect: explanation.effect,
    rule: explanation.rule,
    reason: explanation.reason,
    matched: [...explanation.matched],
    auditRequired: explanation.auditRequired,
    source: explanation.source.label,
  };
}
