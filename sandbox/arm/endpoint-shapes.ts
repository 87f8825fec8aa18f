// JSON of online endpoints and online deployments (azure-wire-format.md §10.4, §10.5). The scoring URI comes
// from the caller-supplied scoringUri(workspace, endpoint) so ARM and the scoring hosts agree; the swagger URI
// is the same host's /swagger.json. Pure functions: no clock, no credentials, no network.
import type { Seed, SeedOnlineEndpoint, SeedWorkspace } from '../seed/seed-schema';
import { PROVIDER, type IndexedDeployment, type IndexedEndpoint } from './resource-index';
import { derivedGuid, systemData } from './resource-shapes';

export type ScoringUri = (workspace: SeedWorkspace, endpoint: SeedOnlineEndpoint) => string;

/** Milliseconds as an ISO 8601 duration: 5000 → PT5S, 500 → PT0.5S, 90000 → PT1M30S. */
export function isoDuration(ms: number): string {
  const totalSeconds = Math.max(0, ms) / 1000;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Math.round((totalSeconds - minutes * 60) * 1000) / 1000;
  const m = minutes > 0 ? `${minutes}M` : '';
  const s = seconds > 0 || minutes === 0 ? `${seconds}S` : '';
  return `PT${m}${s}`;
}

export function swaggerUriOf(scoringUri: string): string {
  return scoringUri.replace(/\/score$/, '/swagger.json');
}

export function onlineEndpointJson(endpoint: IndexedEndpoint, seed: Seed, scoringUri: ScoringUri) {
  const ws = endpoint.workspace.seed;
  const score = scoringUri(ws, endpoint.seed);
  return {
    id: endpoint.id,
    name: endpoint.seed.name,
    type: `${PROVIDER}/workspaces/onlineEndpoints`,
    location: ws.location,
    kind: 'Managed',
    tags: endpoint.seed.tags,
    identity: { type: 'SystemAssigned', principalId: derivedGuid(`identity:${endpoint.id}`), tenantId: seed.tenant.id },
    systemData: systemData(seed, endpoint.id),
    properties: {
      description: endpoint.seed.description,
      properties: { 'azureml.onlineendpointid': endpoint.id.toLowerCase(), AzureAsyncOperationUri: '' },
      authMode: endpoint.seed.authMode,
      scoringUri: score,
      swaggerUri: swaggerUriOf(score),
      publicNetworkAccess: ws.publicNetworkAccess,
      traffic: endpoint.seed.traffic,
      mirrorTraffic: {},
      provisioningState: 'Succeeded',
    },
  };
}

/** ARM id of the model version a deployment runs (`name:version` resolved in its workspace, case-insensitively). */
export function deploymentModelId(deployment: IndexedDeployment): string {
  const [name = '', version = ''] = deployment.seed.model.split(':');
  const ws = deployment.endpoint.workspace;
  const model = ws.models.get(name.toLowerCase());
  return model?.versions.get(version)?.id ?? `${ws.id}/models/${name}/versions/${version}`;
}

const PROBE = { failureThreshold: 30, successThreshold: 1, timeout: 'PT2S', period: 'PT10S', initialDelay: 'PT10S' } as const;

export function onlineDeploymentJson(deployment: IndexedDeployment, seed: Seed) {
  const d = deployment.seed;
  const ws = deployment.endpoint.workspace.seed;
  return {
    id: deployment.id,
    name: d.name,
    type: `${PROVIDER}/workspaces/onlineEndpoints/deployments`,
    location: ws.location,
    kind: 'Managed',
    tags: {},
    sku: { name: 'Default', tier: 'Standard', capacity: d.instanceCount },
    systemData: systemData(seed, deployment.id),
    properties: {
      endpointComputeType: 'Managed',
      instanceType: d.instanceType,
      model: deploymentModelId(deployment),
      provisioningState: 'Succeeded',
      description: `Runs ${d.runs}.`,
      properties: { 'azureml.runtime': d.runs },
      environmentId: 'azureml://registries/azureml/environments/sklearn-1.5/versions/14',
      environmentVariables: {},
      scaleSettings: { scaleType: 'Default' },
      requestSettings: { requestTimeout: isoDuration(d.requestTimeoutMs), maxConcurrentRequestsPerInstance: d.maxConcurrentRequestsPerInstance, maxQueueWait: 'PT0.5S' },
      livenessProbe: PROBE,
      readinessProbe: PROBE,
      appInsightsEnabled: false,
      egressPublicNetworkAccess: 'Disabled',
    },
  };
}
