// `airlock workspaces | models | endpoints | deployments | logs`: what the signed-in account sees in Azure ML,
// through the guarded door (workspace.list|models|modelVersions, endpoint.list|detail|logs), like the app's
// Workspaces, Models and Endpoints screens. Tables for people (ARM strings inert), the channel's answer with
// --json. `-w` takes the ARM id or <resourceGroup>/<name> (workspace-ref.ts).
import type { CliCommand } from './cli-command';
import { callChannel } from './contract-call';
import { DEPLOYMENT, FIRST, MODEL, TAIL } from './browse-flags';
import { formatDeployments, formatEndpoints, formatLogs, formatModels, formatVersions, formatWorkspaces, moreInAzure } from './format-browse';
import { ENDPOINT, WORKSPACE } from './route-flags';
import { useSignedInAccount } from './signed-in';
import { resolveWorkspace } from './workspace-ref';

export const WORKSPACES_COMMAND: CliCommand = {
  summary: 'The Azure ML workspaces the signed-in account sees (as <resourceGroup>/<name>)',
  async run(gateway, _options, io) {
    await useSignedInAccount(gateway, io.environment);
    const value = await callChannel(gateway, 'workspace.list', undefined);
    return { value, text: formatWorkspaces(value.workspaces), exitCode: 0 };
  },
};

export const MODELS_COMMAND: CliCommand = {
  summary: "A workspace's models with their latest version; with --model, that model's versions",
  flags: { workspace: WORKSPACE, model: { ...MODEL, required: false }, first: FIRST },
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const workspaceId = await resolveWorkspace(gateway, options['workspace'] ?? '');
    const modelName = options['model'];
    if (modelName !== undefined) {
      const value = await callChannel(gateway, 'workspace.modelVersions', { workspaceId, modelName });
      return { value, text: formatVersions(value.modelName, value.versions), exitCode: 0 };
    }
    const first = options['first'];
    const value = await callChannel(gateway, 'workspace.models', { workspaceId, ...(first === undefined ? {} : { first: Number(first) }) });
    return { value, text: formatModels(value.models) + moreInAzure(value.complete, value.models.length, 'models'), exitCode: 0 };
  },
};

export const ENDPOINTS_COMMAND: CliCommand = {
  summary: "A workspace's online endpoints: auth mode, state, public access, traffic split, scoring host",
  flags: { workspace: WORKSPACE, first: FIRST },
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const workspaceId = await resolveWorkspace(gateway, options['workspace'] ?? '');
    const first = options['first'];
    const value = await callChannel(gateway, 'endpoint.list', { workspaceId, ...(first === undefined ? {} : { first: Number(first) }) });
    return { value, text: formatEndpoints(value.endpoints) + moreInAzure(value.complete, value.endpoints.length, 'endpoints'), exitCode: 0 };
  },
};

export const DEPLOYMENTS_COMMAND: CliCommand = {
  summary: "An endpoint and its deployments: state, SKU, instances, traffic share, model",
  flags: { workspace: WORKSPACE, endpoint: ENDPOINT },
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const workspaceId = await resolveWorkspace(gateway, options['workspace'] ?? '');
    const value = await callChannel(gateway, 'endpoint.detail', { workspaceId, endpointName: options['endpoint'] ?? '' });
    return { value, text: formatDeployments(value), exitCode: 0 };
  },
};

export const LOGS_COMMAND: CliCommand = {
  summary: "The newest lines of a deployment's container log",
  flags: { workspace: WORKSPACE, endpoint: ENDPOINT, deployment: { ...DEPLOYMENT, required: true }, tail: TAIL },
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const workspaceId = await resolveWorkspace(gateway, options['workspace'] ?? '');
    const tail = options['tail'];
    const value = await callChannel(gateway, 'endpoint.logs', {
      workspaceId,
      endpointName: options['endpoint'] ?? '',
      deploymentName: options['deployment'] ?? '',
      ...(tail === undefined ? {} : { tail: Number(tail) }),
    });
    return { value, text: formatLogs(value), exitCode: 0 };
  },
};
