// Per-endpoint state shared by the request handlers: the catalog entry and its traffic router, plus how a
// request picks its deployment (the azureml-model-deployment header wins, even at 0 % traffic; otherwise
// the router). Choosing must never fall back to some other deployment when the named one is unknown.
import type { ScoringDeployment, ScoringEndpoint } from './catalog';
import { createTrafficRouter, type TrafficRouter } from './traffic-router';

export interface EndpointState {
  readonly endpoint: ScoringEndpoint;
  readonly router: TrafficRouter;
}

export type DeploymentChoice =
  | { readonly ok: true; readonly deployment: ScoringDeployment }
  | { readonly ok: false; readonly code: string; readonly message: string };

export function endpointState(endpoint: ScoringEndpoint): EndpointState {
  return { endpoint, router: createTrafficRouter(endpoint.traffic, [...endpoint.deployments.values()].map((d) => d.name)) };
}

export function chooseDeployment(state: EndpointState, header: string | string[] | undefined): DeploymentChoice {
  const { endpoint } = state;
  if (header !== undefined) {
    const name = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase() ?? '';
    const deployment = endpoint.deployments.get(name);
    return deployment
      ? { ok: true, deployment }
      : { ok: false, code: 'DeploymentNotFound', message: `The endpoint ${endpoint.name} has no deployment named in the azureml-model-deployment header.` };
  }
  const routed = state.router.next();
  const deployment = routed === null ? undefined : endpoint.deployments.get(routed.toLowerCase());
  return deployment
    ? { ok: true, deployment }
    : {
        ok: false,
        code: 'NoValidDeployment',
        message: 'No valid deployments to route to. Please check that the endpoint has at least one deployment with positive weight values or use a deployment specific header to route.',
      };
}

/** For swagger.json without the header: the deployment with the most traffic (or the first), without advancing the router. */
export function describedDeployment(state: EndpointState): ScoringDeployment {
  const all = [...state.endpoint.deployments.values()];
  const weight = (d: ScoringDeployment) => (Object.hasOwn(state.endpoint.traffic, d.name) ? (state.endpoint.traffic[d.name] ?? 0) : 0);
  return all.reduce((best, d) => (weight(d) > weight(best) ? d : best), all[0]!);
}
