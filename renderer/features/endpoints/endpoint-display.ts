// How an endpoint's and a deployment's facts read: auth mode and network access in words, the traffic split
// as "blue 90% · green 10%", provisioning states with a tone (words first; colour only repeats them), and the
// search key and sort values of the endpoints table. Plain strings only; text from ARM is cleaned (inert-text).
import type { DeploymentSummary, EndpointAuthMode, EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import { cleanLine, searchKey } from '../../components/inert-text';
import type { SortValue } from '../../components/table-model';

const AUTH_WORDS: Readonly<Record<EndpointAuthMode, string>> = {
  AMLToken: 'Azure ML token',
  Key: 'Key',
  AADToken: 'Microsoft Entra token',
  Unknown: 'Unknown',
};

/** The auth mode as studio names it; an unexpected value (wrong type from a hostile ARM) reads "Unknown". */
export function authModeLabel(mode: unknown): string {
  return typeof mode === 'string' && Object.hasOwn(AUTH_WORDS, mode) ? AUTH_WORDS[mode as EndpointAuthMode] : 'Unknown';
}

export function publicAccessLabel(access: unknown): string {
  if (access === 'Enabled') return 'Public';
  if (access === 'Disabled') return 'Private only';
  return 'Unknown';
}

/** "blue 90% · green 10%", busiest first; "No traffic" for an empty split. */
export function trafficLabel(traffic: unknown): string {
  if (!Array.isArray(traffic)) return 'Unknown';
  const shares = traffic
    .filter((t): t is { deployment: unknown; percent: number } => typeof t === 'object' && t !== null && typeof (t as { percent?: unknown }).percent === 'number')
    .filter((t) => t.percent > 0)
    .sort((a, b) => b.percent - a.percent);
  if (shares.length === 0) return 'No traffic';
  return shares.map((t) => `${cleanLine(t.deployment) || '—'} ${t.percent}%`).join(' · ');
}

export type StateTone = 'success' | 'warning' | 'danger' | 'informative';

/** Provisioning states as ARM sends them; a new value stays neutral. */
export function provisioningTone(state: unknown): StateTone {
  const s = typeof state === 'string' ? state.toLowerCase() : '';
  if (s === 'succeeded') return 'success';
  if (s === 'failed' || s === 'canceled') return 'danger';
  if (s === 'creating' || s === 'updating' || s === 'deleting' || s === 'scaling') return 'warning';
  return 'informative';
}

/** What the endpoints search looks through: name, auth mode (both spellings), host, access, state, traffic. */
export function endpointSearchKey(e: EndpointSummary): string {
  return searchKey(e.name, e.authMode, authModeLabel(e.authMode), e.scoringHost, publicAccessLabel(e.publicNetworkAccess), e.provisioningState, trafficLabel(e.traffic));
}

export const ENDPOINT_SORT: Readonly<Record<string, (e: EndpointSummary) => SortValue>> = {
  name: (e) => cleanLine(e.name),
  authMode: (e) => authModeLabel(e.authMode),
  scoringHost: (e) => cleanLine(e.scoringHost) || null,
  publicNetworkAccess: (e) => publicAccessLabel(e.publicNetworkAccess),
  traffic: (e) => trafficLabel(e.traffic),
  provisioningState: (e) => cleanLine(e.provisioningState) || null,
};

export const DEPLOYMENT_SORT: Readonly<Record<string, (d: DeploymentSummary) => SortValue>> = {
  name: (d) => cleanLine(d.name),
  provisioningState: (d) => cleanLine(d.provisioningState) || null,
  sku: (d) => cleanLine(d.sku) || null,
  instanceType: (d) => cleanLine(d.instanceType) || null,
  instanceCount: (d) => (typeof d.instanceCount === 'number' ? d.instanceCount : null),
  trafficPercent: (d) => (typeof d.trafficPercent === 'number' ? d.trafficPercent : null),
};

/** A count as a person reads it, or an em dash for none (null, wrong type). */
export function countLabel(n: unknown): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toLocaleString() : '—';
}
