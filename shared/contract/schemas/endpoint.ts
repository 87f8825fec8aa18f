// Schemas of the `endpoint.*` channels: online endpoints and their deployments as ARM describes them (display
// data and ARM names only), a deployment's log tail, the payload schema and samples from a deployment's
// swagger, and a test inference (`endpoint.invoke`). The scoring credential (AML token, key, Entra token)
// never appears here: main picks it from the endpoint's auth mode and keeps it.
import { z } from 'zod';
import { EndpointName, RouteVia } from './route';
import { FirstRows, WorkspaceId } from './workspace';

/** A deployment's name as Azure ML allows it (3–32: letters, digits and dashes). */
export const DeploymentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/, 'a deployment name');

/** How callers authenticate to the endpoint (ARM `authMode`); Unknown for a value Airlock does not know. */
export const EndpointAuthMode = z.enum(['AMLToken', 'Key', 'AADToken', 'Unknown']);
export type EndpointAuthMode = z.infer<typeof EndpointAuthMode>;

export const TrafficShare = z.strictObject({ deployment: z.string().max(64), percent: z.number().int().min(0).max(100) });

/** One row of the endpoints table. Strings from ARM are display data: bounded, shown inert. */
export const EndpointSummary = z.strictObject({
  /** The endpoint's ARM id (`<workspace id>/onlineEndpoints/<name>`), as policy rules and the audit trail name it. */
  id: z.string().max(512),
  name: z.string().max(64),
  authMode: EndpointAuthMode,
  /** The scoring URI's host (under the environment's inference suffix), or null when ARM gave none Airlock accepts. */
  scoringHost: z.string().max(253).nullable(),
  publicNetworkAccess: z.enum(['Enabled', 'Disabled', 'Unknown']),
  traffic: z.array(TrafficShare).max(64),
  /** As ARM sends it (Succeeded, Creating, Updating, Deleting, Failed, Canceled, or a new value). */
  provisioningState: z.string().max(32),
  description: z.string().max(4000).nullable(),
  createdAt: z.string().max(64).nullable(),
  modifiedAt: z.string().max(64).nullable(),
});
export type EndpointSummary = z.infer<typeof EndpointSummary>;

/** `first` as for models (workspace.ts FirstRows): the first rows at once, the whole list on a second read. */
export const EndpointsRequest = z.strictObject({ workspaceId: WorkspaceId, first: FirstRows.optional() });
/** `complete`: false when Azure has more endpoints than listed (a `first` read, or past the 10,000 shown). */
export const EndpointList = z.strictObject({ workspaceId: WorkspaceId, endpoints: z.array(EndpointSummary).max(10_000), complete: z.boolean() });

export const EndpointRequest = z.strictObject({ workspaceId: WorkspaceId, endpointName: EndpointName });

export const DeploymentSummary = z.strictObject({
  name: z.string().max(64),
  provisioningState: z.string().max(32),
  /** ARM `sku.name` (Default for managed), and the VM size the deployment runs on. */
  sku: z.string().max(64).nullable(),
  instanceType: z.string().max(64).nullable(),
  instanceCount: z.number().int().min(0).max(10_000).nullable(),
  /** This deployment's share of the endpoint's traffic (0 when the split leaves it out). */
  trafficPercent: z.number().int().min(0).max(100),
  /** The model it runs as `name:version` when ARM names one Airlock can read, else null. */
  model: z.string().max(300).nullable(),
  createdAt: z.string().max(64).nullable(),
});
export type DeploymentSummary = z.infer<typeof DeploymentSummary>;

export const EndpointDetail = z.strictObject({
  workspaceId: WorkspaceId,
  endpoint: EndpointSummary,
  deployments: z.array(DeploymentSummary).max(64),
});
export type EndpointDetail = z.infer<typeof EndpointDetail>;

export const DeploymentLogsRequest = z.strictObject({
  workspaceId: WorkspaceId,
  endpointName: EndpointName,
  deploymentName: DeploymentName,
  /** How many of the newest lines (ARM `getLogs` tail). */
  tail: z.number().int().min(1).max(10_000).default(300),
});
export const DeploymentLogs = z.strictObject({
  /** The log text with control characters other than newline and tab removed; bounded. */
  content: z.string().max(2_000_000),
  lines: z.number().int().min(0),
  truncated: z.boolean(),
});
export type DeploymentLogs = z.infer<typeof DeploymentLogs>;

export const PayloadSchemaRequest = z.strictObject({ workspaceId: WorkspaceId, endpointName: EndpointName, deploymentName: DeploymentName.optional() });
export const PayloadSample = z.strictObject({ name: z.string().max(128), payload: z.string().max(1_000_000) });
/** What the editor completes and checks against: the request body's JSON schema from the swagger, as JSON text. */
export const PayloadSchemaView = z.strictObject({
  /** JSON text of the request body's JSON schema, or null when the deployment publishes no swagger Airlock can read. */
  schema: z.string().max(512_000).nullable(),
  samples: z.array(PayloadSample).max(32),
  /** The payload size limit in force (admin policy's maxPayloadBytes, else Airlock's default). */
  maxPayloadBytes: z.number().int().min(1),
  /** Where it came from, for the editor's caption: e.g. "swagger.json of deployment blue". */
  source: z.string().max(256).nullable(),
});
export type PayloadSchemaView = z.infer<typeof PayloadSchemaView>;

/** Who answers: the endpoint (its traffic split) or one deployment (the azureml-model-deployment header). */
export const InvokeRequest = z.strictObject({
  workspaceId: WorkspaceId,
  endpointName: EndpointName,
  deploymentName: DeploymentName.optional(),
  /** The request body as JSON text; validated against the deployment's schema and the policy's size limit in main. */
  payload: z.string().max(64 * 1024 * 1024),
  /** A route kind to use; otherwise the one the environment and policy require that is up. */
  via: RouteVia.optional(),
});

/** undici's phases for this request, in milliseconds; null when the phase did not happen (a kept-alive connection). */
export const InvokeTimings = z.strictObject({
  dnsMs: z.number().min(0).nullable(),
  connectMs: z.number().min(0).nullable(),
  tlsMs: z.number().min(0).nullable(),
  ttfbMs: z.number().min(0).nullable(),
  downloadMs: z.number().min(0).nullable(),
  totalMs: z.number().min(0),
});

export const InvokeResultView = z.strictObject({
  status: z.number().int().min(100).max(599),
  ok: z.boolean(),
  /** The useful response headers only: Azure's request id, the deployment that answered, a run() failure reason. */
  requestId: z.string().max(128).nullable(),
  modelDeployment: z.string().max(64).nullable(),
  runFunctionFailure: z.string().max(1024).nullable(),
  contentType: z.string().max(128).nullable(),
  /** The response body as text (the viewer pretty-prints JSON), cut at a bound. */
  body: z.string().max(4_000_000),
  bodyBytes: z.number().int().min(0),
  bodyTruncated: z.boolean(),
  /** Azure's failure code in words (401/404/408/413/424/429/502/503 and others), null on success. */
  failure: z.strictObject({ title: z.string().max(200), words: z.string().max(1000) }).nullable(),
  timings: InvokeTimings,
  authMode: EndpointAuthMode,
  route: z.strictObject({ via: RouteVia, id: z.string().max(128) }),
  /** The local history entry this invocation was kept as (null until history lands, or when policy keeps none). */
  historyId: z.string().max(64).nullable(),
});
export type InvokeResultView = z.infer<typeof InvokeResultView>;
