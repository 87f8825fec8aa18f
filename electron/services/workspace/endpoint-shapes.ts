// ARM's online endpoints, deployments and model versions → the contract's display rows (shared/contract/
// schemas/endpoint.ts, workspace.ts). Every string is display data: cut to the contract's bound, control and
// direction-override characters removed; a field of the wrong type becomes null or Unknown, never an error,
// so one hostile field cannot fail the whole list at the gateway's output check.
import type { DeploymentSummary, EndpointAuthMode, EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import type { ModelVersionView } from '../../../shared/contract/schemas/workspace';
import { inferenceUrlOf } from '../azureml';
import { frameworkOf, obj, tagsOf } from './shapes';

/** C0 and C1 controls (newline and tab kept when asked), and the bidirectional marks, overrides and isolates. */
function isControl(code: number, keepLines: boolean): boolean {
  if (keepLines && (code === 0x0a || code === 0x09)) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** The text without control characters (see isControl); unchanged text is returned as it is. */
export function withoutControls(value: string, keepLines: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i += 1) {
    if (!isControl(value.charCodeAt(i), keepLines)) continue;
    out += value.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? value : out + value.slice(from);
}

/** A display string: text only, controls removed, at most `max` characters; anything else null. */
export function text(value: unknown, max: number, keepLines = false): string | null {
  if (typeof value !== 'string') return null;
  // Cut before cleaning too, so a 100 MB field is never scanned whole.
  return withoutControls(value.slice(0, max * 2), keepLines).slice(0, max);
}

const AUTH_MODES: readonly EndpointAuthMode[] = ['AMLToken', 'Key', 'AADToken'];

export function authModeOf(value: unknown): EndpointAuthMode {
  return AUTH_MODES.find((m) => typeof value === 'string' && m.toLowerCase() === value.toLowerCase()) ?? 'Unknown';
}

const access = (v: unknown): 'Enabled' | 'Disabled' | 'Unknown' => (v === 'Enabled' || v === 'Disabled' ? v : 'Unknown');

/** The traffic map `{ deployment: percent }` as shares: whole percents 0..100, at most 64. */
export function trafficOf(value: unknown): EndpointSummary['traffic'] {
  const shares: Array<{ deployment: string; percent: number }> = [];
  for (const [key, percent] of Object.entries(obj(value))) {
    const deployment = text(key, 64);
    if (!deployment || typeof percent !== 'number' || !Number.isFinite(percent) || shares.length >= 64) continue;
    shares.push({ deployment, percent: Math.min(100, Math.max(0, Math.round(percent))) });
  }
  return shares;
}

/** One row of the endpoints table, or null for an item without a name. */
export function toEndpointSummary(raw: unknown, workspaceId: string, inferenceDnsSuffix: string): EndpointSummary | null {
  const e = obj(raw);
  const name = text(e['name'], 64);
  if (!name) return null;
  const p = obj(e['properties']);
  const system = obj(e['systemData']);
  return {
    id: text(e['id'], 512) ?? `${workspaceId}/onlineEndpoints/${name}`.slice(0, 512),
    name,
    authMode: authModeOf(p['authMode']),
    scoringHost: inferenceUrlOf(p['scoringUri'], inferenceDnsSuffix)?.hostname.toLowerCase() ?? null,
    publicNetworkAccess: access(p['publicNetworkAccess']),
    traffic: trafficOf(p['traffic']),
    provisioningState: text(p['provisioningState'], 32) || 'Unknown',
    description: text(p['description'], 4000, true),
    createdAt: text(system['createdAt'], 64),
    modifiedAt: text(system['lastModifiedAt'], 64),
  };
}

// `…/models/<name>/versions/<version>` (a workspace or registry model id) or `azureml:<name>:<version>`.
const MODEL_ID = /\/models\/([^/]{1,256})\/versions\/([^/]{1,64})$/i;
const MODEL_REF = /^azureml:([^:/]{1,256}):([^:/]{1,64})$/i;

function modelOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  const m = MODEL_ID.exec(value) ?? MODEL_REF.exec(value);
  return m ? text(`${decodeSafe(m[1]!)}:${decodeSafe(m[2]!)}`, 300) : null;
}

function decodeSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000 ? v : null);

/** One deployment row; its traffic share comes from the endpoint's traffic map (0 when the split leaves it out). */
export function toDeploymentSummary(raw: unknown, traffic: EndpointSummary['traffic']): DeploymentSummary | null {
  const d = obj(raw);
  const name = text(d['name'], 64);
  if (!name) return null;
  const p = obj(d['properties']);
  const sku = obj(d['sku']);
  const share = traffic.find((t) => t.deployment === name) ?? traffic.find((t) => t.deployment.toLowerCase() === name.toLowerCase());
  return {
    name,
    provisioningState: text(p['provisioningState'], 32) || 'Unknown',
    sku: text(sku['name'], 64),
    instanceType: text(p['instanceType'], 64),
    instanceCount: count(sku['capacity']),
    trafficPercent: share?.percent ?? 0,
    model: modelOf(p['model']),
    createdAt: text(obj(d['systemData'])['createdAt'], 64),
  };
}

/** One version of a model (the model detail view), or null without a version name. */
export function toModelVersionView(raw: unknown): ModelVersionView | null {
  const v = obj(raw);
  const version = text(v['name'], 64);
  if (!version) return null;
  const p = obj(v['properties']);
  const system = obj(v['systemData']);
  const tags = tagsOf(p['tags']).map((t) => ({ key: text(t.key, 128) ?? '', value: text(t.value, 256) ?? '' }));
  return {
    version,
    modelType: text(p['modelType'], 64),
    framework: text(frameworkOf(obj(p['flavors']), tags), 64),
    stage: text(p['stage'], 64),
    tags,
    description: text(p['description'], 4000, true),
    path: text(p['modelUri'] ?? p['path'], 1024),
    createdAt: text(system['createdAt'], 64),
    modifiedAt: text(system['lastModifiedAt'], 64),
  };
}

/** Newest first: by creation time, then by version number (ARM's order is not promised). */
export function newestFirst(a: ModelVersionView, b: ModelVersionView): number {
  const byTime = (Date.parse(b.createdAt ?? '') || 0) - (Date.parse(a.createdAt ?? '') || 0);
  if (byTime !== 0) return byTime;
  return b.version.localeCompare(a.version, 'en', { numeric: true });
}

export const MAX_LOG_CHARS = 2_000_000;

/** A log tail as text: controls other than newline and tab removed, the newest part kept within the bound. */
export function toDeploymentLogs(raw: unknown): { content: string; lines: number; truncated: boolean } {
  const content = obj(raw)['content'];
  if (typeof content !== 'string') return { content: '', lines: 0, truncated: false };
  const tail = content.length > MAX_LOG_CHARS * 2 ? content.slice(-MAX_LOG_CHARS * 2) : content;
  let clean = withoutControls(tail.replace(/\r\n?/g, '\n'), true);
  const truncated = tail !== content || clean.length > MAX_LOG_CHARS;
  if (clean.length > MAX_LOG_CHARS) clean = clean.slice(-MAX_LOG_CHARS);
  const lines = clean === '' ? 0 : clean.split('\n').length - (clean.endsWith('\n') ? 1 : 0);
  return { content: clean, lines, truncated };
}
