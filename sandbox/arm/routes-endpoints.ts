// Handlers for online endpoints and deployments: list/get, POST .../token (AMLToken endpoints only, issued
// by the shared EndpointCredentials), POST .../listKeys (Key endpoints only) and POST .../getLogs.
// It hands out credentials only after the caller's role allows the matching action; it never logs them.
import { ArmError, badRequest, notFound, quoted } from './arm-error';
import { findWorkspace, ok, pageRequest, type ArmCall, type Handler } from './arm-service';
import { deploymentLogs, type ContainerType } from './deployment-logs';
import { onlineDeploymentJson, onlineEndpointJson } from './endpoint-shapes';
import { page } from './paging';
import { Actions } from './rbac';
import { jsonBody } from './request-input';
import type { IndexedDeployment, IndexedEndpoint, IndexedWorkspace } from './resource-index';

function findEndpoint(ws: IndexedWorkspace, call: ArmCall): IndexedEndpoint {
  const name = call.params['ep'] ?? '';
  const endpoint = ws.endpoints.get(name.toLowerCase());
  if (!endpoint) throw notFound('online endpoint', name);
  return endpoint;
}

function findDeployment(endpoint: IndexedEndpoint, call: ArmCall): IndexedDeployment {
  const name = call.params['dep'] ?? '';
  const deployment = endpoint.deployments.get(name.toLowerCase());
  if (!deployment) throw notFound('online deployment', `${endpoint.seed.name}/${name}`);
  return deployment;
}

function wrongAuthMode(endpoint: IndexedEndpoint, operation: string, needed: string): ArmError {
  return badRequest(
    'BadRequest',
    `${operation} is supported only for online endpoints with auth mode '${needed}'; endpoint '${quoted(endpoint.seed.name)}' uses '${endpoint.seed.authMode}'.`,
  );
}

export const listEndpoints: Handler = (svc, call) => {
  const ws = findWorkspace(svc, call, Actions.endpointsRead);
  return ok(page(ws.endpointList, pageRequest(svc, call), (e) => onlineEndpointJson(e, svc.seed, svc.scoringUri)));
};

export const getEndpoint: Handler = (svc, call) => {
  const ws = findWorkspace(svc, call, Actions.endpointsRead);
  return ok(onlineEndpointJson(findEndpoint(ws, call), svc.seed, svc.scoringUri));
};

export const getEndpointToken: Handler = async (svc, call) => {
  jsonBody(call.body);
  const endpoint = findEndpoint(findWorkspace(svc, call, Actions.endpointToken, true), call);
  if (endpoint.seed.authMode !== 'AMLToken') throw wrongAuthMode(endpoint, 'Getting a token', 'AMLToken');
  const token = await svc.credentials.issueAmlToken(endpoint.id, call.caller.oid);
  return ok({ accessToken: token.accessToken, tokenType: token.tokenType, expiryTimeUtc: token.expiryTimeUtc, refreshAfterTimeUtc: token.refreshAfterTimeUtc });
};

export const listEndpointKeys: Handler = (svc, call) => {
  jsonBody(call.body);
  const endpoint = findEndpoint(findWorkspace(svc, call, Actions.endpointListKeys, true), call);
  if (endpoint.seed.authMode !== 'Key') throw wrongAuthMode(endpoint, 'Listing keys', 'Key');
  const keys = svc.credentials.keysFor(endpoint.id);
  return ok({ primaryKey: keys.primaryKey, secondaryKey: keys.secondaryKey });
};

export const listDeployments: Handler = (svc, call) => {
  const endpoint = findEndpoint(findWorkspace(svc, call, Actions.deploymentsRead), call);
  return ok(page(endpoint.deploymentList, pageRequest(svc, call), (d) => onlineDeploymentJson(d, svc.seed)));
};

export const getDeployment: Handler = (svc, call) => {
  const endpoint = findEndpoint(findWorkspace(svc, call, Actions.deploymentsRead), call);
  return ok(onlineDeploymentJson(findDeployment(endpoint, call), svc.seed));
};

function logOptions(body: Record<string, unknown>): { containerType: ContainerType; tail: number | undefined } {
  const rawType = body['containerType'] ?? 'InferenceServer';
  const containerType = typeof rawType === 'string' ? ['InferenceServer', 'StorageInitializer'].find((t) => t.toLowerCase() === rawType.toLowerCase()) : undefined;
  if (!containerType) {
    throw badRequest('InvalidRequestContent', "The request content was invalid: 'containerType' must be 'InferenceServer' or 'StorageInitializer'.", 'containerType');
  }
  const tail = body['tail'];
  if (tail !== undefined && tail !== null && (typeof tail !== 'number' || !Number.isInteger(tail) || tail < 0 || tail > 10_000)) {
    throw badRequest('InvalidRequestContent', "The request content was invalid: 'tail' must be an integer between 0 and 10000.", 'tail');
  }
  return { containerType: containerType as ContainerType, tail: typeof tail === 'number' ? tail : undefined };
}

export const getDeploymentLogs: Handler = (svc, call) => {
  const options = logOptions(jsonBody(call.body));
  const deployment = findDeployment(findEndpoint(findWorkspace(svc, call, Actions.deploymentGetLogs, true), call), call);
  return ok({ content: deploymentLogs(deployment, options.containerType, options.tail, svc.now()) });
};
