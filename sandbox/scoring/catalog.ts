// The scoring view of the seed: every online endpoint with its hostname, private-link CNAME, ARM id, auth
// mode, deployments (with the model each runs) and traffic. Built once at start; it must never be mutated
// by a request (traffic routing state lives in the router, not here).
import type { Seed, SeedDeployment, SeedOnlineEndpoint } from '../seed/seed-schema';
import { endpointResourceId, privateLinkCname, scoringHostname } from './endpoint-id';
import { modelFor, type ScoringModel } from './models';

export interface ScoringDeployment {
  readonly name: string;
  readonly settings: SeedDeployment;
  readonly model: ScoringModel;
  /** 2 * maxConcurrentRequestsPerInstance * instanceCount: more pending requests than this → 429. */
  readonly maxPending: number;
}

export interface ScoringEndpoint {
  readonly name: string;
  readonly endpointId: string;
  readonly authMode: SeedOnlineEndpoint['authMode'];
  readonly region: string;
  readonly hostname: string;
  readonly cname: string;
  /** The workspace's GUID: its endpoints share the workspace private endpoint's address. */
  readonly workspaceId: string;
  /**
   * The workspace's Conditional Access auth context (seed `requiredAuthContext`): an Entra token (AADToken) must
   * carry it in `acrs`, as ARM's reads of that workspace do (arm/claims-challenge.ts).
   */
  readonly requiredAuthContext: string | undefined;
  /** By lower-cased deployment name. */
  readonly deployments: ReadonlyMap<string, ScoringDeployment>;
  readonly traffic: Readonly<Record<string, number>>;
}

export function buildCatalog(seed: Seed): ScoringEndpoint[] {
  const endpoints: ScoringEndpoint[] = [];
  const seen = new Map<string, string>();
  for (const sub of seed.subscriptions) {
    for (const rg of sub.resourceGroups) {
      for (const ws of rg.workspaces) {
        for (const ep of ws.onlineEndpoints) {
          const endpointId = endpointResourceId(sub.subscriptionId, rg.name, ws.name, ep.name);
          const hostname = scoringHostname(ep.name, ws.location);
          const clash = seen.get(hostname);
          if (clash) throw new Error(`two online endpoints would share the scoring host ${hostname}: ${clash} and ${endpointId}`);
          seen.set(hostname, endpointId);
          const deployments = new Map(
            ep.deployments.map((d) => [
              d.name.toLowerCase(),
              { name: d.name, settings: d, model: modelFor(d.runs), maxPending: 2 * d.maxConcurrentRequestsPerInstance * d.instanceCount },
            ]),
          );
          endpoints.push({
            name: ep.name,
            endpointId,
            authMode: ep.authMode,
            region: ws.location,
            hostname,
            cname: privateLinkCname(ep.name, ws.workspaceId, ws.location),
            workspaceId: ws.workspaceId,
            requiredAuthContext: ws.requiredAuthContext,
            deployments,
            traffic: ep.traffic,
          });
        }
      }
    }
  }
  return endpoints;
}
