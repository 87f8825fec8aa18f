// Indexes the seed once at start into maps keyed by lower-cased name (ARM names are case-insensitive), so
// every lookup is O(1) and every list is a slice of a prepared array: a 10,000-model workspace pages without
// O(n²) work. It also derives the built-in registries (the seed has none). It must never mutate the seed.
import type { Seed, SeedDeployment, SeedModel, SeedOnlineEndpoint, SeedWorkspace } from '../seed/seed-schema';

export const PROVIDER = 'Microsoft.MachineLearningServices';
/** Name of the registry derived in every resource group (see registryModels below). */
export const BUILT_IN_REGISTRY = 'shared-registry';

type SeedSubscription = Seed['subscriptions'][number];
type SeedResourceGroup = SeedSubscription['resourceGroups'][number];
type SeedModelVersion = SeedModel['versions'][number];

export interface IndexedVersion { readonly id: string; readonly seed: SeedModelVersion; readonly model: IndexedModel }
export interface IndexedModel {
  readonly id: string;
  readonly seed: SeedModel;
  readonly versions: ReadonlyMap<string, IndexedVersion>;
  readonly versionList: readonly IndexedVersion[];
}
export interface IndexedDeployment { readonly id: string; readonly seed: SeedDeployment; readonly endpoint: IndexedEndpoint }
export interface IndexedEndpoint {
  readonly id: string;
  readonly seed: SeedOnlineEndpoint;
  readonly workspace: IndexedWorkspace;
  readonly deployments: ReadonlyMap<string, IndexedDeployment>;
  readonly deploymentList: readonly IndexedDeployment[];
}
export interface IndexedWorkspace {
  readonly id: string;
  readonly seed: SeedWorkspace;
  readonly group: IndexedGroup;
  readonly models: ReadonlyMap<string, IndexedModel>;
  readonly modelList: readonly IndexedModel[];
  readonly endpoints: ReadonlyMap<string, IndexedEndpoint>;
  readonly endpointList: readonly IndexedEndpoint[];
}
export interface IndexedRegistry {
  readonly id: string;
  readonly name: string;
  readonly group: IndexedGroup;
  readonly models: ReadonlyMap<string, IndexedModel>;
  readonly modelList: readonly IndexedModel[];
}
export interface IndexedGroup {
  readonly id: string;
  readonly seed: SeedResourceGroup;
  readonly subscription: IndexedSubscription;
  readonly workspaces: ReadonlyMap<string, IndexedWorkspace>;
  readonly workspaceList: readonly IndexedWorkspace[];
  readonly registries: ReadonlyMap<string, IndexedRegistry>;
  readonly registryList: readonly IndexedRegistry[];
}
export interface IndexedSubscription {
  readonly id: string;
  readonly seed: SeedSubscription;
  readonly groups: ReadonlyMap<string, IndexedGroup>;
  readonly groupList: readonly IndexedGroup[];
  readonly workspaceList: readonly IndexedWorkspace[];
  readonly registryList: readonly IndexedRegistry[];
}
export interface ResourceIndex {
  readonly subscriptions: ReadonlyMap<string, IndexedSubscription>;
  readonly subscriptionList: readonly IndexedSubscription[];
}

const key = (name: string) => name.toLowerCase();

function byName<T>(items: readonly T[], name: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(name(item)))) map.set(key(name(item)), item);
  return map;
}

export const workspaceId = (sub: string, rg: string, ws: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/${PROVIDER}/workspaces/${ws}`;
export const onlineEndpointId = (sub: string, rg: string, ws: string, ep: string) => `${workspaceId(sub, rg, ws)}/onlineEndpoints/${ep}`;

/** ARM ids of every online endpoint in the seed, for openEndpointCredentials({ endpointIds }). */
export function onlineEndpointIds(seed: Seed): string[] {
  return seed.subscriptions.flatMap((s) =>
    s.resourceGroups.flatMap((g) => g.workspaces.flatMap((w) => w.onlineEndpoints.map((e) => onlineEndpointId(s.subscriptionId, g.name, w.name, e.name)))),
  );
}

function indexModel(parentId: string, model: SeedModel): IndexedModel {
  const id = `${parentId}/models/${model.name}`;
  const versionList: IndexedVersion[] = [];
  const versions = new Map<string, IndexedVersion>();
  const indexed: IndexedModel = { id, seed: model, versions, versionList };
  for (const v of model.versions) {
    const entry = { id: `${id}/versions/${v.version}`, seed: v, model: indexed };
    versionList.push(entry);
    if (!versions.has(v.version)) versions.set(v.version, entry);
  }
  return indexed;
}

function indexWorkspace(group: IndexedGroup, ws: SeedWorkspace): IndexedWorkspace {
  const id = workspaceId(group.subscription.seed.subscriptionId, group.seed.name, ws.name);
  const modelList = ws.models.map((m) => indexModel(id, m));
  const endpointList: IndexedEndpoint[] = [];
  const endpoints = new Map<string, IndexedEndpoint>();
  const workspace: IndexedWorkspace = { id, seed: ws, group, models: byName(modelList, (m) => m.seed.name), modelList, endpoints, endpointList };
  for (const ep of ws.onlineEndpoints) {
    const epId = `${id}/onlineEndpoints/${ep.name}`;
    const deploymentList: IndexedDeployment[] = [];
    const deployments = new Map<string, IndexedDeployment>();
    const endpoint: IndexedEndpoint = { id: epId, seed: ep, workspace, deployments, deploymentList };
    for (const d of ep.deployments) deploymentList.push({ id: `${epId}/deployments/${d.name}`, seed: d, endpoint });
    for (const [k, v] of byName(deploymentList, (d) => d.seed.name)) deployments.set(k, v);
    endpointList.push(endpoint);
  }
  for (const [k, v] of byName(endpointList, (e) => e.seed.name)) endpoints.set(k, v);
  return workspace;
}

/**
 * Built-in registry (a sandbox choice: the seed format has no registries). Every resource group that holds
 * workspaces gets `shared-registry`, whose models are the group's workspace models that have a version in
 * stage `Production`, carrying only those versions (first workspace wins on a name clash) — i.e. what a team
 * would promote into a shared registry. Workspaces with a `requiredAuthContext` contribute nothing: the
 * registry has no auth context, so it must not republish what the workspace guards behind a claims challenge.
 */
function registryModels(workspaces: readonly IndexedWorkspace[]): SeedModel[] {
  const seen = new Set<string>();
  const models: SeedModel[] = [];
  for (const ws of workspaces) {
    if (ws.seed.requiredAuthContext !== undefined) continue;
    for (const m of ws.seed.models) {
      const production = m.versions.filter((v) => v.stage === 'Production');
      if (production.length === 0 || seen.has(key(m.name))) continue;
      seen.add(key(m.name));
      models.push({ ...m, versions: production });
    }
  }
  return models;
}

export function indexSeed(seed: Seed): ResourceIndex {
  const subscriptionList: IndexedSubscription[] = [];
  for (const s of seed.subscriptions) {
    const groupList: IndexedGroup[] = [];
    const groups = new Map<string, IndexedGroup>();
    const subWorkspaces: IndexedWorkspace[] = [];
    const subRegistries: IndexedRegistry[] = [];
    const sub: IndexedSubscription = { id: `/subscriptions/${s.subscriptionId}`, seed: s, groups, groupList, workspaceList: subWorkspaces, registryList: subRegistries };
    for (const g of s.resourceGroups) {
      const workspaceList: IndexedWorkspace[] = [];
      const workspaces = new Map<string, IndexedWorkspace>();
      const registryList: IndexedRegistry[] = [];
      const registries = new Map<string, IndexedRegistry>();
      const group: IndexedGroup = { id: `${sub.id}/resourceGroups/${g.name}`, seed: g, subscription: sub, workspaces, workspaceList, registries, registryList };
      for (const ws of g.workspaces) workspaceList.push(indexWorkspace(group, ws));
      for (const [k, v] of byName(workspaceList, (w) => w.seed.name)) workspaces.set(k, v);
      if (workspaceList.length > 0) {
        const regId = `${group.id}/providers/${PROVIDER}/registries/${BUILT_IN_REGISTRY}`;
        const modelList = registryModels(workspaceList).map((m) => indexModel(regId, m));
        const registry: IndexedRegistry = { id: regId, name: BUILT_IN_REGISTRY, group, models: byName(modelList, (m) => m.seed.name), modelList };
        registryList.push(registry);
        registries.set(key(BUILT_IN_REGISTRY), registry);
      }
      groupList.push(group);
      for (const w of workspaceList) subWorkspaces.push(w);
      for (const r of registryList) subRegistries.push(r);
    }
    for (const [k, v] of byName(groupList, (g) => g.seed.name)) groups.set(k, v);
    subscriptionList.push(sub);
  }
  return { subscriptions: byName(subscriptionList, (s) => s.seed.subscriptionId), subscriptionList };
}
