// The workspace service: what the signed-in account can see of Azure Machine Learning — workspaces across
// its subscriptions and the models in one workspace (each with its latest version's type, framework and
// stage) — read from ARM as that account. Display data only.
// (Policy and audit wrap these calls when those services arrive; endpoints and invoke come with browse.)
import { readFile } from 'node:fs/promises';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { AuthService } from '../auth';
import type { Environment } from '../environments';
import { createNodeHttpsPort, type HttpsPort, type HttpsSend, type Logger } from '../ports';
import { createArmReader } from './arm-reader';
import { readEndpointHost } from './endpoint-host';
import { readLatestVersions } from './latest-versions';
import { parseWorkspaceId, toModelSummary, toWorkspaceSummary, type ModelSummary, type WorkspaceSummary } from './shapes';

export type { ModelSummary, WorkspaceSummary } from './shapes';

const RESOURCES_API = '2022-12-01';
const ML_API = '2024-04-01';
const MAX_ITEMS = 500;

export interface WorkspaceService {
  list(accountId: string): Promise<WorkspaceSummary[]>;
  models(accountId: string, workspaceId: string): Promise<ModelSummary[]>;
  /** An online endpoint's scoring host (from its ARM scoringUri; https under the environment's inference suffix). */
  endpointHost(accountId: string, workspaceId: string, endpointName: string): Promise<string>;
}

export interface WorkspaceDeps {
  readonly auth: AuthService;
  readonly logger: Logger;
  /** The control plane's HTTP port from the host (net.fetch in Electron); node:https with the environment's extra CA by default. */
  readonly https?: HttpsPort;
  /** Tests: a sender of their own per environment (given the environment's CA, read once for it). */
  readonly sendFor?: (environment: Environment, extraCaPem: string | undefined) => HttpsSend;
}

export function createWorkspaceService(deps: WorkspaceDeps): WorkspaceService {
  const https = deps.https ?? createNodeHttpsPort();
  const senders = new Map<string, Promise<HttpsSend>>();

  async function readerFor(accountId: string) {
    // The auth service's account lookup is cached; listing every account of every environment here was not.
    const environment = await deps.auth.accountEnvironment(accountId);
    let send = senders.get(environment.id);
    if (!send) {
      const sendFor = deps.sendFor;
      send = sendFor
        ? (async () => sendFor(environment, environment.caCertPath ? await readFile(environment.caCertPath, 'utf8') : undefined))()
        : Promise.resolve(https.forEnvironment(environment)); // the port reads the CA, once per environment
      send.catch(() => senders.delete(environment.id));
      senders.set(environment.id, send);
    }
    return { arm: createArmReader({ auth: deps.auth, accountId, environment, send: await send, logger: deps.logger }), environment };
  }

  return {
    async list(accountId) {
      const { arm } = await readerFor(accountId);
      const subscriptions = (await arm.list('/subscriptions', RESOURCES_API))
        .map((s) => (s as { subscriptionId?: unknown }).subscriptionId)
        .filter((id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id));
      const workspaces: WorkspaceSummary[] = [];
      for (const sub of subscriptions) {
        for (const raw of await arm.list(`/subscriptions/${sub}/providers/Microsoft.MachineLearningServices/workspaces`, ML_API)) {
          const summary = toWorkspaceSummary(raw);
          if (summary && workspaces.length < MAX_ITEMS) workspaces.push(summary);
        }
      }
      deps.logger.log('info', 'workspace.listed', { subscriptions: subscriptions.length, workspaces: workspaces.length });
      return workspaces.sort((a, b) => a.displayName.localeCompare(b.displayName));
    },

    async models(accountId, workspaceId) {
      if (!parseWorkspaceId(workspaceId)) throw new AirlockError('E_BAD_REQUEST', { message: 'That is not an Azure Machine Learning workspace id.' });
      const { arm } = await readerFor(accountId);
      const containers = (await arm.list(`${workspaceId}/models`, ML_API))
        .map((raw) => ({ raw, summary: toModelSummary(raw) }))
        .filter((c): c is { raw: unknown; summary: ModelSummary } => c.summary !== null)
        .sort((a, b) => a.summary.name.localeCompare(b.summary.name))
        .slice(0, MAX_ITEMS);
      // In the order shown, so the rows people see first are the ones that get their version columns.
      const versions = await readLatestVersions(arm, workspaceId, ML_API, containers.map((c) => c.summary), deps.logger);
      return containers.map((c) => (versions.has(c.summary.name) ? (toModelSummary(c.raw, versions.get(c.summary.name)) ?? c.summary) : c.summary));
    },

    async endpointHost(accountId, workspaceId, endpointName) {
      if (!parseWorkspaceId(workspaceId)) throw new AirlockError('E_BAD_REQUEST', { message: 'That is not an Azure Machine Learning workspace id.' });
      const { arm, environment } = await readerFor(accountId);
      return readEndpointHost(arm, environment, workspaceId, endpointName, ML_API);
    },
  };
}
