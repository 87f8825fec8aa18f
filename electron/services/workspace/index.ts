// The workspace service: what the signed-in account can see of Azure Machine Learning — workspaces across
// its subscriptions, the models in one workspace (each with its latest version's type, framework and stage)
// and their versions, online endpoints with their deployments and log tails — read from ARM as that account
// through @azure/arm-machinelearning (../azureml: host-pinned, capped, typed). Display data only, except
// what invoke needs of an endpoint (EndpointControlPlane: its token and keys), which stays in main.
import type { DeploymentLogs, DeploymentSummary, EndpointSummary } from '../../../shared/contract/schemas/endpoint';
import type { ModelVersionView } from '../../../shared/contract/schemas/workspace';
import { typedArmError, type ArmLimits } from '../azureml';
import type { AuthService } from '../auth';
import type { Environment } from '../environments';
import type { HttpsPort, HttpsSend, Logger } from '../ports';
import { armAccess } from './arm-access';
import { newestFirst, toModelVersionView } from './endpoint-shapes';
import { amlToken, byName, deploymentLogs, endpointDetail, endpointFacts, endpointKeys, listEndpoints, workspaceParts, type EndpointInvokeFacts } from './endpoints';
import { FIRST_ROWS_VERSION_READS, MAX_VERSION_READS, readLatestVersions } from './latest-versions';
import { toModelSummary, toWorkspaceSummary, type ModelSummary, type WorkspaceSummary } from './shapes';
import { namingNotFound } from './not-found-words';

export type { ModelSummary, WorkspaceSummary } from './shapes';
export type { EndpointInvokeFacts } from './endpoints';

const RESOURCES_API = '2022-12-01';
/** Workspaces shown (the contract's bound for workspace lists). */
const MAX_ITEMS = 500;
/** Models shown per workspace (the contract's bound, as for endpoints: a large registry stays listable). */
const MAX_MODELS = 10_000;
/** Read per list before sorting and cutting: a list longer than this is a misbehaving server. */
const MAX_COLLECTED = 10_000;
const MAX_VERSIONS = 1000;

export interface WorkspaceService {
  list(accountId: string): Promise<WorkspaceSummary[]>;
  models(accountId: string, workspaceId: string): Promise<ModelSummary[]>;
  /** The models, with whether Azure has more than listed; `first` reads only the first rows (a screen's first paint). */
  modelList(accountId: string, workspaceId: string, first?: number): Promise<{ models: ModelSummary[]; complete: boolean }>;
  /** Every version of one model, newest first. */
  modelVersions(accountId: string, workspaceId: string, modelName: string): Promise<ModelVersionView[]>;
  /** An online endpoint's scoring host (from its ARM scoringUri; https under the environment's inference suffix). */
  endpointHost(accountId: string, workspaceId: string, endpointName: string): Promise<string>;
  endpoints(accountId: string, workspaceId: string): Promise<EndpointSummary[]>;
  /** The endpoints, with whether Azure has more than listed; `first` reads only the first rows. */
  endpointList(accountId: string, workspaceId: string, first?: number): Promise<{ endpoints: EndpointSummary[]; complete: boolean }>;
  endpointDetail(accountId: string, workspaceId: string, endpointName: string): Promise<{ endpoint: EndpointSummary; deployments: DeploymentSummary[] }>;
  deploymentLogs(accountId: string, workspaceId: string, endpointName: string, deploymentName: string, tail: number): Promise<DeploymentLogs>;
  /** EndpointControlPlane (invoke): the endpoint's auth mode, scoring URI and deployments. */
  endpoint(accountId: string, workspaceId: string, endpointName: string): Promise<EndpointInvokeFacts>;
  /** EndpointControlPlane: the AML token (ms epoch times). Main only: never logged, never across IPC. */
  amlToken(accountId: string, workspaceId: string, endpointName: string): Promise<{ accessToken: string; expiresAt: number; refreshAfter: number }>;
  /** EndpointControlPlane: the endpoint's keys. Main only: never logged, never across IPC. */
  endpointKeys(accountId: string, workspaceId: string, endpointName: string): Promise<{ primaryKey: string; secondaryKey: string | null }>;
}

export interface WorkspaceDeps {
  readonly auth: AuthService;
  readonly logger: Logger;
  /** The control plane's HTTP port from the host (net.fetch in Electron); node:https with the environment's extra CA by default. */
  readonly https?: HttpsPort;
  /** Tests: a sender of their own per environment (given the environment's CA, read once for it). */
  readonly sendFor?: (environment: Environment, extraCaPem: string | undefined) => HttpsSend;
  /** Tests: tighter caps and deadline than Airlock's defaults. */
  readonly limits?: Partial<ArmLimits>;
  readonly now?: () => number;
}

export function createWorkspaceService(deps: WorkspaceDeps): WorkspaceService {
  const access = armAccess(deps);
  const now = deps.now ?? Date.now;
  const target = async (accountId: string, workspaceId: string) => {
    workspaceParts(workspaceId); // a bad id is refused before anything is asked of ARM
    return { ...(await access(accountId)), workspaceId };
  };

  const service: WorkspaceService = {
    async list(accountId) {
      const { arm } = await access(accountId);
      const { subscriptions, workspaces } = await arm.call(async (signal) => {
        const subscriptions = (await arm.listRaw('/subscriptions', RESOURCES_API, MAX_COLLECTED, signal))
          .map((s) => (s as { subscriptionId?: unknown } | null)?.subscriptionId)
          .filter((id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id));
        const workspaces: WorkspaceSummary[] = [];
        for (const sub of subscriptions) {
          if (workspaces.length >= MAX_ITEMS) break;
          for (const raw of await arm.collect((o) => arm.ml(sub).workspaces.listBySubscription(o), MAX_COLLECTED, signal)) {
            const summary = toWorkspaceSummary(raw);
            if (summary && workspaces.length < MAX_ITEMS) workspaces.push(summary);
          }
        }
        return { subscriptions, workspaces };
      });
      deps.logger.log('info', 'workspace.listed', { subscriptions: subscriptions.length, workspaces: workspaces.length });
      return workspaces.sort((a, b) => a.displayName.localeCompare(b.displayName));
    },

    async modelList(accountId, workspaceId, first) {
      const { arm } = await target(accountId, workspaceId);
      const ws = workspaceParts(workspaceId);
      const ml = arm.ml(ws.subscriptionId);
      return arm.call(async (signal) => {
        const { items, more } = await arm.collectSome((o) => ml.modelContainers.list(ws.resourceGroup, ws.name, o), Math.min(first ?? MAX_COLLECTED, MAX_COLLECTED), signal);
        const containers = items
          .map((raw) => ({ raw, summary: toModelSummary(raw) }))
          .filter((c): c is { raw: unknown; summary: ModelSummary } => c.summary !== null)
          .sort((a, b) => byName(a.summary.name, b.summary.name));
        const shown = containers.slice(0, MAX_MODELS);
        // In the order shown, so the rows people see first are the ones that get their version columns; a
        // first-rows read reads only a screenful's, so its answer comes at once.
        const read = (name: string, version: string) =>
          arm.rawOf((o) => ml.modelVersions.get(ws.resourceGroup, ws.name, name, version, o), signal).catch((thrown: unknown) => Promise.reject(typedArmError(thrown)));
        const versions = await readLatestVersions(read, shown.map((c) => c.summary), deps.logger, first === undefined ? MAX_VERSION_READS : FIRST_ROWS_VERSION_READS);
        const models = shown.map((c) => (versions.has(c.summary.name) ? (toModelSummary(c.raw, versions.get(c.summary.name)) ?? c.summary) : c.summary));
        return { models, complete: !more && containers.length <= MAX_MODELS };
      });
    },

    models: async (accountId, workspaceId) => (await service.modelList(accountId, workspaceId)).models,

    async modelVersions(accountId, workspaceId, modelName) {
      const { arm } = await target(accountId, workspaceId);
      const ws = workspaceParts(workspaceId);
      const raw = await namingNotFound(
        arm.call((signal) => arm.collect((o) => arm.ml(ws.subscriptionId).modelVersions.list(ws.resourceGroup, ws.name, modelName, o), MAX_COLLECTED, signal)),
        `The workspace ${ws.name} has no model named ${modelName}, or your account cannot see it.`,
      );
      return raw
        .map(toModelVersionView)
        .filter((v): v is ModelVersionView => v !== null)
        .sort(newestFirst)
        .slice(0, MAX_VERSIONS);
    },

    async endpointHost(accountId, workspaceId, endpointName) {
      const facts = await endpointFacts(await target(accountId, workspaceId), endpointName, false); // routes need the host only
      return new URL(facts.scoringUri).hostname.toLowerCase();
    },

    endpoints: async (accountId, workspaceId) => (await listEndpoints(await target(accountId, workspaceId))).endpoints,
    endpointList: async (accountId, workspaceId, first) => listEndpoints(await target(accountId, workspaceId), first),
    endpointDetail: async (accountId, workspaceId, endpointName) => endpointDetail(await target(accountId, workspaceId), endpointName),
    deploymentLogs: async (accountId, workspaceId, endpointName, deploymentName, tail) => deploymentLogs(await target(accountId, workspaceId), endpointName, deploymentName, tail),
    endpoint: async (accountId, workspaceId, endpointName) => endpointFacts(await target(accountId, workspaceId), endpointName),
    amlToken: async (accountId, workspaceId, endpointName) => amlToken(await target(accountId, workspaceId), endpointName, now),
    endpointKeys: async (accountId, workspaceId, endpointName) => endpointKeys(await target(accountId, workspaceId), endpointName),
  };
  return service;
}
