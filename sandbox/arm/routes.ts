// The route table: method + path pattern (matched case-insensitively, `:name` captures a segment) →
// handler and the api-versions it answers. Matching is a linear scan over ~25 short patterns.
import type { Handler } from './arm-service';
import { ML_API_VERSIONS, RESOURCES_API_VERSIONS } from './request-input';
import * as ep from './routes-endpoints';
import * as models from './routes-models';
import * as net from './routes-network';
import * as res from './routes-resources';

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly pattern: readonly string[];
  readonly apiVersions: readonly string[];
  readonly handler: Handler;
}

const SUB = 'subscriptions/:sub';
const RG = `${SUB}/resourceGroups/:rg`;
const PROV = `${RG}/providers/Microsoft.MachineLearningServices`;
const WS = `${PROV}/workspaces/:ws`;
const REG = `${PROV}/registries/:registry`;
const EP = `${WS}/onlineEndpoints/:ep`;

const route = (method: Route['method'], path: string, handler: Handler, apiVersions: readonly string[] = ML_API_VERSIONS): Route => ({
  method,
  pattern: path.split('/').filter((s) => s !== ''),
  apiVersions,
  handler,
});

export const ROUTES: readonly Route[] = [
  route('GET', 'subscriptions', res.listSubscriptions, RESOURCES_API_VERSIONS),
  route('GET', SUB, res.getSubscription, RESOURCES_API_VERSIONS),
  route('GET', `${SUB}/resourceGroups`, res.listResourceGroups, RESOURCES_API_VERSIONS),
  route('GET', RG, res.getResourceGroup, RESOURCES_API_VERSIONS),
  route('GET', `${SUB}/providers/Microsoft.MachineLearningServices/workspaces`, res.listWorkspacesBySubscription),
  route('GET', `${PROV}/workspaces`, res.listWorkspacesByGroup),
  route('GET', WS, res.getWorkspace),
  route('GET', `${WS}/models`, models.listModels),
  route('GET', `${WS}/models/:model`, models.getModel),
  route('GET', `${WS}/models/:model/versions`, models.listModelVersions),
  route('GET', `${WS}/models/:model/versions/:version`, models.getModelVersion),
  route('GET', `${PROV}/registries`, models.listRegistries),
  route('GET', REG, models.getRegistry),
  route('GET', `${REG}/models`, models.listRegistryModels),
  route('GET', `${REG}/models/:model`, models.getRegistryModel),
  route('GET', `${REG}/models/:model/versions`, models.listRegistryModelVersions),
  route('GET', `${REG}/models/:model/versions/:version`, models.getRegistryModelVersion),
  route('GET', `${WS}/onlineEndpoints`, ep.listEndpoints),
  route('GET', EP, ep.getEndpoint),
  route('POST', `${EP}/token`, ep.getEndpointToken),
  route('POST', `${EP}/listKeys`, ep.listEndpointKeys),
  route('GET', `${EP}/deployments`, ep.listDeployments),
  route('GET', `${EP}/deployments/:dep`, ep.getDeployment),
  route('POST', `${EP}/deployments/:dep/getLogs`, ep.getDeploymentLogs),
  route('GET', `${RG}/providers/Microsoft.Network/bastionHosts/:name`, net.getBastionHost, net.NETWORK_API_VERSIONS),
  route('GET', `${RG}/providers/Microsoft.Network/networkInterfaces/:name`, net.getNetworkInterface, net.NETWORK_API_VERSIONS),
  route('GET', `${RG}/providers/Microsoft.Compute/virtualMachines/:name`, net.getVirtualMachine, net.COMPUTE_API_VERSIONS),
];

export type RouteMatch = { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'wrong-method'; allowed: string[] } | { kind: 'none' };

function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = s;
    else if (p.toLowerCase() !== s.toLowerCase()) return null;
  }
  return params;
}

export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
  const allowed: string[] = [];
  for (const r of ROUTES) {
    const params = matchPattern(r.pattern, segments);
    if (!params) continue;
    if (r.method === method) return { kind: 'found', route: r, params };
    allowed.push(r.method);
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}
