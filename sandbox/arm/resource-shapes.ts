// JSON of subscriptions, resource groups, workspaces, model containers and model versions, copied from
// azure-wire-format.md §10. Values the seed does not hold (GUIDs, dates, dependent resources) are derived
// deterministically from resource ids, so responses are stable across restarts. Pure functions: they never
// read the clock, the network or anything outside the indexed seed.
import { createHash } from 'node:crypto';
import type { Seed } from '../seed/seed-schema';
import { PROVIDER, type IndexedGroup, type IndexedModel, type IndexedSubscription, type IndexedVersion, type IndexedWorkspace } from './resource-index';

const BASE_TIME = Date.parse('2026-01-05T09:00:00Z');
const DAY_MS = 86_400_000;

function digest(input: string): Buffer {
  return createHash('sha256').update(input.toLowerCase()).digest();
}

/** A stable GUID (version-4 layout) derived from `input`. */
export function derivedGuid(input: string): string {
  const b = digest(input);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Stable ARM systemData; `order` spaces siblings (e.g. versions) a day apart in creation order. */
export function systemData(seed: Seed, id: string, order = 0): Record<string, string> {
  const createdAt = new Date(BASE_TIME + (digest(id).readUInt32BE(0) % 60) * DAY_MS + order * DAY_MS);
  const by = seed.users[0]?.username ?? 'sandbox@contoso.test';
  return {
    createdAt: createdAt.toISOString(),
    createdBy: by,
    createdByType: 'User',
    lastModifiedAt: new Date(createdAt.getTime() + 3_600_000).toISOString(),
    lastModifiedBy: by,
    lastModifiedByType: 'User',
  };
}

export function subscriptionJson(sub: IndexedSubscription, tenantId: string) {
  return {
    id: sub.id,
    authorizationSource: 'RoleBased',
    subscriptionId: sub.seed.subscriptionId,
    tenantId,
    displayName: sub.seed.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
    managedByTenants: [],
  };
}

export function resourceGroupJson(group: IndexedGroup) {
  return {
    id: group.id,
    name: group.seed.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: group.seed.location,
    properties: { provisioningState: 'Succeeded' },
  };
}

function dependent(group: IndexedGroup, provider: string, type: string, name: string): string {
  return `${group.id}/providers/${provider}/${type}/${name}`;
}

export function workspaceJson(ws: IndexedWorkspace, seed: Seed) {
  const { seed: w, group } = ws;
  const tenantId = seed.tenant.id;
  const short = digest(ws.id).toString('hex').slice(0, 10);
  const privateEndpoint = `pe-${w.name}`;
  const connections =
    w.publicNetworkAccess === 'Disabled'
      ? [
          {
            id: `${ws.id}/privateEndpointConnections/${w.name}.${privateEndpoint}`,
            name: `${w.name}.${privateEndpoint}`,
            type: `${PROVIDER}/workspaces/privateEndpointConnections`,
            location: w.location,
            properties: {
              provisioningState: 'Succeeded',
              privateEndpoint: { id: dependent(group, 'Microsoft.Network', 'privateEndpoints', privateEndpoint) },
              privateLinkServiceConnectionState: { status: 'Approved', description: 'Auto-Approved', actionsRequired: 'None' },
            },
          },
        ]
      : [];
  return {
    id: ws.id,
    name: w.name,
    type: `${PROVIDER}/workspaces`,
    location: w.location,
    kind: 'Default',
    tags: {},
    sku: { name: 'Basic', tier: 'Basic' },
    identity: { type: 'SystemAssigned', principalId: derivedGuid(`identity:${ws.id}`), tenantId },
    systemData: systemData(seed, ws.id),
    properties: {
      workspaceId: w.workspaceId,
      friendlyName: w.friendlyName ?? w.name,
      description: w.description,
      provisioningState: 'Succeeded',
      discoveryUrl: `https://${w.location}.api.azureml.ms/discovery`,
      mlFlowTrackingUri: `azureml://${w.location}.api.azureml.ms/mlflow/v1.0${ws.id}`,
      publicNetworkAccess: w.publicNetworkAccess,
      allowPublicAccessWhenBehindVnet: false,
      privateLinkCount: connections.length,
      privateEndpointConnections: connections,
      storageAccount: dependent(group, 'Microsoft.Storage', 'storageAccounts', `st${short}`),
      keyVault: dependent(group, 'Microsoft.KeyVault', 'vaults', `kv-${short}`),
      applicationInsights: dependent(group, 'microsoft.insights', 'components', `ai-${short}`),
      containerRegistry: dependent(group, 'Microsoft.ContainerRegistry', 'registries', `cr${short}`),
      hbiWorkspace: false,
      v1LegacyMode: false,
      tenantId,
      storageHnsEnabled: false,
      notebookInfo: { fqdn: `ml-${w.name}-${w.location}-${w.workspaceId}.${w.location}.notebooks.azure.net`, resourceId: short },
    },
  };
}

function numericVersions(model: IndexedModel): number[] {
  return model.versionList.map((v) => Number(v.seed.version));
}

export function modelContainerJson(model: IndexedModel, seed: Seed, inRegistry: boolean) {
  const latest = Math.max(...numericVersions(model));
  return {
    id: model.id,
    name: model.seed.name,
    type: inRegistry ? `${PROVIDER}/registries/models` : `${PROVIDER}/workspaces/models`,
    systemData: systemData(seed, model.id),
    properties: {
      description: model.seed.description,
      tags: model.seed.tags,
      properties: {},
      isArchived: false,
      latestVersion: String(latest),
      nextVersion: String(latest + 1),
      provisioningState: 'Succeeded',
    },
  };
}

function modelUri(version: IndexedVersion, where: { workspace?: IndexedWorkspace; registry?: string }): string {
  const { model, seed: v } = version;
  if (where.registry) return `azureml://registries/${where.registry}/models/${model.seed.name}/versions/${v.version}`;
  const ws = where.workspace!;
  const run = v.jobName ?? `${model.seed.name}-${v.version}`;
  return `azureml://subscriptions/${ws.group.subscription.seed.subscriptionId}/resourceGroups/${ws.group.seed.name}/workspaces/${ws.seed.name}/datastores/workspaceblobstore/paths/azureml/${run}/model`;
}

export function modelVersionJson(version: IndexedVersion, seed: Seed, where: { workspace?: IndexedWorkspace; registry?: string }) {
  const v = version.seed;
  const flavors = Object.fromEntries(Object.entries(v.flavors).map(([name, data]) => [name, { data }]));
  return {
    id: version.id,
    name: v.version,
    type: where.registry ? `${PROVIDER}/registries/models/versions` : `${PROVIDER}/workspaces/models/versions`,
    systemData: systemData(seed, version.model.id, Number(v.version)),
    properties: {
      description: v.description,
      tags: v.tags,
      properties: v.jobName ? { 'azureml.runId': v.jobName } : {},
      isAnonymous: false,
      isArchived: false,
      modelType: v.modelType,
      modelUri: modelUri(version, where),
      ...(v.jobName ? { jobName: v.jobName } : {}),
      stage: v.stage,
      provisioningState: 'Succeeded',
      flavors,
    },
  };
}

export function registryJson(registry: { id: string; name: string; group: IndexedGroup }, seed: Seed) {
  return {
    id: registry.id,
    name: registry.name,
    type: `${PROVIDER}/registries`,
    location: registry.group.seed.location,
    kind: 'Registry',
    tags: {},
    identity: { type: 'SystemAssigned', principalId: derivedGuid(`identity:${registry.id}`), tenantId: seed.tenant.id },
    systemData: systemData(seed, registry.id),
    properties: {
      discoveryUrl: `https://${registry.group.seed.location}.api.azureml.ms/registrymanagement/v1.0/registries/${registry.name}/discovery`,
      mlFlowRegistryUri: `azureml://${registry.group.seed.location}.api.azureml.ms/mlflow/v1.0${registry.id}`,
      publicNetworkAccess: 'Disabled',
      regionDetails: [{ location: registry.group.seed.location }],
      provisioningState: 'Succeeded',
    },
  };
}
