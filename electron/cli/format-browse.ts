// Terminal text for what ARM says (workspaces, models, versions, endpoints, deployments, a log tail). Every ARM
// string is someone else's data: made inert and cut (inert.ts) before it reaches the terminal.
import type { DeploymentLogs, EndpointDetail, EndpointSummary } from '../../shared/contract/schemas/endpoint';
import type { ModelSummary, ModelVersionView, WorkspaceSummary } from '../../shared/contract/schemas/workspace';
import { inert, inertLines, table } from './inert';

const day = (iso: string | null): string => inert(iso?.slice(0, 10) ?? '', 10);
const tagsOf = (tags: ReadonlyArray<{ key: string; value: string }>): string => inert(tags.map((t) => `${t.key}=${t.value}`).join(','), 60);

/** `<resourceGroup>/<name>`, as the app shows a workspace and as -w takes it. */
export const workspaceRef = (w: Pick<WorkspaceSummary, 'resourceGroup' | 'name'>): string => `${inert(w.resourceGroup, 90)}/${inert(w.name, 64)}`;

export function formatWorkspaces(workspaces: readonly WorkspaceSummary[]): string {
  return table(
    ['WORKSPACE', 'DISPLAY NAME', 'LOCATION', 'PUBLIC ACCESS', 'PRIVATE ENDPOINTS'],
    workspaces.map((w) => [workspaceRef(w), inert(w.displayName, 60), inert(w.location, 32), w.publicNetworkAccess, String(w.privateEndpoints)]),
    'The signed-in account sees no workspaces.',
  );
}

export function formatModels(models: readonly ModelSummary[]): string {
  return table(
    ['MODEL', 'LATEST', 'TYPE', 'FRAMEWORK', 'STAGE', 'CREATED', 'TAGS', 'DESCRIPTION'],
    models.map((m) => [inert(m.name, 64), inert(m.latestVersion, 16), inert(m.modelType, 24), inert(m.framework, 24), inert(m.stage, 16), day(m.createdAt), tagsOf(m.tags), inert(m.description, 80)]),
    'No models are registered in this workspace.',
  );
}

export function formatVersions(modelName: string, versions: readonly ModelVersionView[]): string {
  const head = `Model ${inert(modelName, 128)}: ${versions.length} version${versions.length === 1 ? '' : 's'}\n`;
  return (
    head +
    table(
      ['VERSION', 'TYPE', 'FRAMEWORK', 'STAGE', 'CREATED', 'TAGS', 'PATH', 'DESCRIPTION'],
      versions.map((v) => [inert(v.version, 16), inert(v.modelType, 24), inert(v.framework, 24), inert(v.stage, 16), day(v.createdAt), tagsOf(v.tags), inert(v.path, 60), inert(v.description, 80)]),
      'No versions.',
    )
  );
}

const trafficOf = (e: EndpointSummary): string => inert(e.traffic.map((t) => `${t.deployment} ${t.percent}%`).join(', '), 60) || '-';

/** After a list Azure has more of (a --first read, or past the 10,000 shown): says so, so a short table is not read as all. */
export function moreInAzure(complete: boolean, shown: number, what: 'models' | 'endpoints'): string {
  if (complete) return '';
  return shown === 1 ? `\nAzure has more ${what} than this one.\n` : `\nAzure has more ${what} than these ${shown.toLocaleString('en-US')}.\n`;
}

export function formatEndpoints(endpoints: readonly EndpointSummary[]): string {
  return table(
    ['ENDPOINT', 'AUTH', 'STATE', 'PUBLIC ACCESS', 'TRAFFIC', 'SCORING HOST'],
    endpoints.map((e) => [inert(e.name, 64), e.authMode, inert(e.provisioningState, 32), e.publicNetworkAccess, trafficOf(e), inert(e.scoringHost ?? '-', 120)]),
    'This workspace has no online endpoints.',
  );
}

export function formatDeployments(detail: EndpointDetail): string {
  const e = detail.endpoint;
  const head = [
    `Endpoint ${inert(e.name, 64)}: ${e.authMode}, ${inert(e.provisioningState, 32)}, public access ${e.publicNetworkAccess}`,
    `  Scoring host: ${inert(e.scoringHost ?? 'none', 253)}`,
    `  Traffic: ${trafficOf(e)}`,
    ...(e.description ? [`  Description: ${inert(e.description, 200)}`] : []),
    '',
  ].join('\n');
  return `${head}\n${table(
    ['DEPLOYMENT', 'STATE', 'SKU', 'INSTANCE TYPE', 'INSTANCES', 'TRAFFIC', 'MODEL', 'CREATED'],
    detail.deployments.map((d) => [inert(d.name, 64), inert(d.provisioningState, 32), inert(d.sku ?? '-', 32), inert(d.instanceType ?? '-', 40), d.instanceCount === null ? '-' : String(d.instanceCount), `${d.trafficPercent}%`, inert(d.model ?? '-', 80), day(d.createdAt)]),
    'This endpoint has no deployments.',
  )}`;
}

export function formatLogs(logs: DeploymentLogs): string {
  const text = inertLines(logs.content);
  const note = logs.truncated ? `(cut: ${logs.lines} lines shown)\n` : '';
  return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${note}`;
}
