// Online endpoints of one workspace through the SDK: the endpoints table, one endpoint with its deployments,
// a deployment's log tail, and what invoke needs (EndpointControlPlane: auth mode and scoring URI, the AML
// token, the keys). Tokens and keys are returned to main's invoke service only: never logged, never put in
// an error, never shaped into anything the renderer gets.
import type { DeploymentLogs, DeploymentSummary, EndpointAuthMode, EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { namingNotFound } from './not-found-words';
import { inferenceUrlOf, type ArmClient } from '../azureml';
import type { Environment } from '../environments';
import { authModeOf, toDeploymentLogs, toDeploymentSummary, toEndpointSummary } from './endpoint-shapes';
import { obj, parseWorkspaceId } from './shapes';

/** Collected per list before shaping: the contract's largest list (10k endpoints). */
export const MAX_ENDPOINTS = 10_000;
const MAX_DEPLOYMENTS = 64;
const ENDPOINT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,31}$/;
const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/;

export interface EndpointInvokeFacts {
  readonly authMode: EndpointAuthMode;
  readonly scoringUri: string;
  readonly swaggerUri: string | null;
  readonly deployments: string[];
}

interface Target {
  readonly arm: ArmClient;
  readonly environment: Environment;
  readonly workspaceId: string;
}

export function workspaceParts(workspaceId: string): { subscriptionId: string; resourceGroup: string; name: string } {
  const parts = parseWorkspaceId(workspaceId);
  if (!parts) throw new AirlockError('E_BAD_REQUEST', { message: 'That is not an Azure Machine Learning workspace id.' });
  return parts;
}

function checkEndpointName(endpointName: string): void {
  if (!ENDPOINT_NAME.test(endpointName)) throw new AirlockError('E_BAD_REQUEST', { message: 'That is not an online endpoint name.' });
}

/** The endpoints, sorted by name: the first `limit` ARM lists (all, up to MAX_ENDPOINTS, by default), and whether ARM has more. */
export async function listEndpoints({ arm, environment, workspaceId }: Target, limit = MAX_ENDPOINTS): Promise<{ endpoints: EndpointSummary[]; complete: boolean }> {
  const ws = workspaceParts(workspaceId);
  const { items, more } = await arm.call((signal) => arm.collectSome((o) => arm.ml(ws.subscriptionId).onlineEndpoints.list(ws.resourceGroup, ws.name, o), Math.min(limit, MAX_ENDPOINTS), signal));
  const endpoints = items
    .map((item) => toEndpointSummary(item, workspaceId, environment.inferenceDnsSuffix))
    .filter((e): e is EndpointSummary => e !== null)
    .sort((a, b) => byName(a.name, b.name));
  return { endpoints, complete: !more };
}

/** Names in a stable, locale-aware order; one collator (localeCompare builds one per call: seconds at 10k). */
export const byName = new Intl.Collator(undefined, { numeric: true }).compare;

export async function endpointDetail({ arm, environment, workspaceId }: Target, endpointName: string): Promise<{ endpoint: EndpointSummary; deployments: DeploymentSummary[] }> {
  const ws = workspaceParts(workspaceId);
  checkEndpointName(endpointName);
  return namingNotFound(arm.call(async (signal) => {
    const ml = arm.ml(ws.subscriptionId);
    const [rawEndpoint, rawDeployments] = await Promise.all([
      arm.rawOf((o) => ml.onlineEndpoints.get(ws.resourceGroup, ws.name, endpointName, o), signal),
      arm.collect((o) => ml.onlineDeployments.list(ws.resourceGroup, ws.name, endpointName, o), MAX_DEPLOYMENTS, signal),
    ]);
    const endpoint = toEndpointSummary(rawEndpoint, workspaceId, environment.inferenceDnsSuffix);
    if (!endpoint) throw new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager sent an endpoint Airlock could not read.' });
    const deployments = rawDeployments
      .map((d) => toDeploymentSummary(d, endpoint.traffic))
      .filter((d): d is DeploymentSummary => d !== null)
      .sort((a, b) => b.trafficPercent - a.trafficPercent || a.name.localeCompare(b.name));
    return { endpoint, deployments };
  }), noEndpoint(ws.name, endpointName));
}

const noEndpoint = (workspace: string, endpoint: string) => `The workspace ${workspace} has no online endpoint named ${endpoint}, or your account cannot see it.`;

export async function deploymentLogs({ arm, workspaceId }: Target, endpointName: string, deploymentName: string, tail: number): Promise<DeploymentLogs> {
  const ws = workspaceParts(workspaceId);
  checkEndpointName(endpointName);
  if (!DEPLOYMENT_NAME.test(deploymentName)) throw new AirlockError('E_BAD_REQUEST', { message: 'That is not a deployment name.' });
  const lines = Math.min(10_000, Math.max(1, Math.floor(tail)));
  const raw = await namingNotFound(
    arm.call((signal) =>
      arm.rawOf((o) => arm.ml(ws.subscriptionId).onlineDeployments.getLogs(ws.resourceGroup, ws.name, endpointName, deploymentName, { containerType: 'InferenceServer', tail: lines }, o), signal),
    ),
    `The endpoint ${endpointName} in ${ws.name} has no deployment named ${deploymentName}, or your account cannot see it.`,
  );
  return toDeploymentLogs(raw);
}

/** What invoke needs: the auth mode, the scoring URI (https under the inference suffix, else refused) and the deployments. */
export async function endpointFacts({ arm, environment, workspaceId }: Target, endpointName: string, withDeployments = true): Promise<EndpointInvokeFacts> {
  const ws = workspaceParts(workspaceId);
  checkEndpointName(endpointName);
  return namingNotFound(arm.call(async (signal) => {
    const ml = arm.ml(ws.subscriptionId);
    const [rawEndpoint, rawDeployments] = await Promise.all([
      arm.rawOf((o) => ml.onlineEndpoints.get(ws.resourceGroup, ws.name, endpointName, o), signal),
      withDeployments ? arm.collect((o) => ml.onlineDeployments.list(ws.resourceGroup, ws.name, endpointName, o), MAX_DEPLOYMENTS, signal) : Promise.resolve([]),
    ]);
    const p = obj(obj(rawEndpoint)['properties']);
    const scoring = inferenceUrlOf(p['scoringUri'], environment.inferenceDnsSuffix);
    if (!scoring) {
      throw new AirlockError('E_UNAVAILABLE', {
        message: `Azure did not give a usable scoring address for the endpoint ${endpointName} (an https name under ${environment.inferenceDnsSuffix} was expected), so Airlock did not connect to it.`,
      });
    }
    const swagger = inferenceUrlOf(p['swaggerUri'], environment.inferenceDnsSuffix);
    const deployments = rawDeployments.map((d) => obj(d)['name']).filter((n): n is string => typeof n === 'string' && DEPLOYMENT_NAME.test(n));
    return { authMode: authModeOf(p['authMode']), scoringUri: scoring.href, swaggerUri: swagger?.href ?? null, deployments };
  }), noEndpoint(ws.name, endpointName));
}

/** ARM's epoch seconds (or, defensively, milliseconds) as ms epoch; null when not a usable time. */
function epochMs(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return null;
  return value < 100_000_000_000 ? value * 1000 : value;
}

/** The endpoint's AML token (AMLToken endpoints): ARM `POST …/token`. The token itself is never logged. */
export async function amlToken({ arm, workspaceId }: Target, endpointName: string, now: () => number): Promise<{ accessToken: string; expiresAt: number; refreshAfter: number }> {
  const ws = workspaceParts(workspaceId);
  checkEndpointName(endpointName);
  const raw = obj(await arm.call((signal) => arm.rawOf((o) => arm.ml(ws.subscriptionId).onlineEndpoints.getToken(ws.resourceGroup, ws.name, endpointName, o), signal)));
  const accessToken = raw['accessToken'];
  if (typeof accessToken !== 'string' || accessToken.length === 0 || accessToken.length > 16_384) {
    throw new AirlockError('E_UNAVAILABLE', { message: `Azure did not give a usable token for the endpoint ${endpointName}.` });
  }
  const expiresAt = epochMs(raw['expiryTimeUtc']) ?? now();
  // No refresh time (or one past expiry): renew when it expires; none at all means use once.
  const refreshAfter = Math.min(epochMs(raw['refreshAfterTimeUtc']) ?? expiresAt, expiresAt);
  return { accessToken, expiresAt, refreshAfter };
}

/** The endpoint's keys (Key endpoints): ARM `POST …/listKeys`. Never logged. */
export async function endpointKeys({ arm, workspaceId }: Target, endpointName: string): Promise<{ primaryKey: string; secondaryKey: string | null }> {
  const ws = workspaceParts(workspaceId);
  checkEndpointName(endpointName);
  const raw = obj(await arm.call((signal) => arm.rawOf((o) => arm.ml(ws.subscriptionId).onlineEndpoints.listKeys(ws.resourceGroup, ws.name, endpointName, o), signal)));
  const usable = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4096;
  const primary = raw['primaryKey'];
  if (!usable(primary)) throw new AirlockError('E_UNAVAILABLE', { message: `Azure did not give a usable key for the endpoint ${endpointName}.` });
  const secondary = raw['secondaryKey'];
  return { primaryKey: primary, secondaryKey: usable(secondary) ? secondary : null };
}
