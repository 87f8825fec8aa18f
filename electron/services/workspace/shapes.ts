// ARM's JSON → the display data the UI may hold. Reads defensively: a field of the wrong type is left out,
// never trusted, and strings are cut to the contract's bounds.

export interface WorkspaceSummary {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  /** Disabled means reachable only through a private endpoint. */
  readonly publicNetworkAccess: 'Enabled' | 'Disabled' | 'Unknown';
  readonly privateEndpoints: number;
}

export interface ModelSummary {
  readonly name: string;
  readonly latestVersion: string | null;
  readonly description: string | null;
  readonly modifiedAt: string | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown, max = 256): string | null => (typeof v === 'string' ? v.slice(0, max) : null);

// Azure's own name rules (GUID; resource group: letters, digits, _ . ( ) -, not ending in a period, so never
// `.` or `..`; workspace: letters, digits, _ -),
// so an id can be put in a URL path as it is.
const ARM_ID = /^\/subscriptions\/([0-9a-f-]{36})\/resourceGroups\/([\w.()-]{0,89}[\w()-])\/providers\/Microsoft\.MachineLearningServices\/workspaces\/([\w-]{1,64})$/i;

export function parseWorkspaceId(id: string): { subscriptionId: string; resourceGroup: string; name: string } | null {
  const m = ARM_ID.exec(id);
  return m ? { subscriptionId: m[1]!, resourceGroup: m[2]!, name: m[3]! } : null;
}

export function toWorkspaceSummary(raw: unknown): WorkspaceSummary | null {
  const w = obj(raw);
  const id = str(w['id'], 512);
  const parts = id ? parseWorkspaceId(id) : null;
  if (!id || !parts) return null;
  const p = obj(w['properties']);
  const access = p['publicNetworkAccess'];
  return {
    id,
    name: parts.name,
    displayName: str(p['friendlyName']) ?? parts.name,
    subscriptionId: parts.subscriptionId,
    resourceGroup: parts.resourceGroup,
    location: str(w['location'], 64) ?? '',
    publicNetworkAccess: access === 'Enabled' || access === 'Disabled' ? access : 'Unknown',
    privateEndpoints: Array.isArray(p['privateEndpointConnections']) ? Math.min(p['privateEndpointConnections'].length, 1000) : 0,
  };
}

export function toModelSummary(raw: unknown): ModelSummary | null {
  const m = obj(raw);
  const name = str(m['name']);
  if (!name) return null;
  const p = obj(m['properties']);
  return {
    name,
    latestVersion: str(p['latestVersion'], 64),
    description: str(p['description'], 400),
    modifiedAt: str(obj(m['systemData'])['lastModifiedAt'], 64),
  };
}
