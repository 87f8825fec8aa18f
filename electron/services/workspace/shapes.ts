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
  readonly modelType: string | null;
  readonly framework: string | null;
  readonly stage: string | null;
  readonly tags: Array<{ key: string; value: string }>;
  readonly description: string | null;
  readonly createdAt: string | null;
  readonly modifiedAt: string | null;
}

export type Json = Record<string, unknown>;
export const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const str = (v: unknown, max = 256): string | null => (typeof v === 'string' ? v.slice(0, max) : null);

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

const MAX_TAGS = 32;
const MLFLOW_LOADER = /^mlflow\.([A-Za-z0-9_.-]{1,64})$/;

/** String tags only (ARM tags are string → string), container's first, then the version's over them. */
export function tagsOf(...sources: unknown[]): ModelSummary['tags'] {
  const merged = new Map<string, string>();
  for (const source of sources) {
    for (const [rawKey, value] of Object.entries(obj(source))) {
      const key = rawKey.slice(0, 128);
      if (typeof value === 'string' && (merged.has(key) || merged.size < MAX_TAGS)) merged.set(key, value.slice(0, 256));
    }
  }
  return [...merged].map(([key, value]) => ({ key, value }));
}

/** MLflow names the framework in its flavors: `python_function.loader_module` "mlflow.sklearn", or a flavor
 * named after it ("lightgbm"); models without MLflow may carry a `framework` tag instead. */
export function frameworkOf(flavors: Json, tags: ModelSummary['tags']): string | null {
  const loader = str(obj(obj(flavors['python_function'])['data'])['loader_module'], 128);
  const fromLoader = loader ? MLFLOW_LOADER.exec(loader)?.[1] : undefined;
  const named = Object.keys(flavors).find((flavor) => flavor !== 'python_function');
  return (fromLoader ?? named ?? tags.find((t) => t.key.toLowerCase() === 'framework')?.value ?? null)?.slice(0, 64) ?? null;
}

const later = (a: string | null, b: string | null): string | null => (a && b ? (Date.parse(b) > Date.parse(a) ? b : a) : (a ?? b));

/**
 * A model container (`GET {ws}/models` item) and, when it could be read, its latest version
 * (`GET {ws}/models/{name}/versions/{latest}`): the row of the models table.
 */
export function toModelSummary(raw: unknown, latestRaw: unknown = null): ModelSummary | null {
  const m = obj(raw);
  const name = str(m['name']);
  if (!name) return null;
  const p = obj(m['properties']);
  const v = obj(latestRaw);
  const vp = obj(v['properties']);
  const tags = tagsOf(p['tags'], vp['tags']);
  return {
    name,
    latestVersion: str(p['latestVersion'], 64),
    modelType: str(vp['modelType'], 64),
    framework: frameworkOf(obj(vp['flavors']), tags),
    stage: str(vp['stage'], 64),
    tags,
    description: str(p['description'], 4000),
    createdAt: str(obj(m['systemData'])['createdAt'], 64),
    // The model changes when a version is added or edited: the later of the two.
    modifiedAt: later(str(obj(m['systemData'])['lastModifiedAt'], 64), str(obj(v['systemData'])['lastModifiedAt'], 64)),
  };
}
