// The one IPC contract: every channel, its request and response schema, the error codes it may return, and
// the resource it acts on. The main-process binding, preload, harness bridge, CLI and the guard are all driven
// by this object; adding a channel here (and to channels.ts) plus its service method is the whole change
// needed to expose a new action — and it cannot be added without saying what it acts on.
import type { z } from 'zod';
import type { ErrorCode } from '../errors/codes';
import type { Channel, MethodOf, ServiceOf } from './channels';
import { ACTIVE_ACCOUNT, ACTIVE_ENVIRONMENT, ALL_WORKSPACES, APP_RESOURCE, AUDIT_TRAIL, DEVICE_ACCOUNTS, EFFECTIVE_POLICY, INVOKE_HISTORY, type ResourceRef } from './resource';
import type { IpcResult } from './result';
import { AppHealth, AppInfo, LinkOpened, NoInput, OpenLinkRequest } from './schemas/app';
import { AccountRequest, Accounts, AccountSummary, Cancelled, Done, SessionInfo, SignInProgress, SignInRequest, StepUpRequest } from './schemas/auth';
import { AnomalyHints, AuditExportRequest, AuditExportView, AuditList, AuditListRequest, AuditStatusView, VerifyCancelled, VerifyProgressView, VerifyReportView } from './schemas/audit';
import { DiagnosticsExport } from './schemas/diagnostics';
import { PolicyExplainRequest, PolicyExplanationView, PolicyView } from './schemas/policy';
import { AnswerPromptRequest, ForwardClosed, ForwardCloseRequest, ForwardList, ForwardOpenRequest, ForwardView, HostKeyTrusted, PromptAnswered, RouteCheckRequest, RouteList, RouteRequest, RouteStatusView, TestConnectionView, TrustHostKeyRequest } from './schemas/route';
import { DeploymentLogs, DeploymentLogsRequest, EndpointDetail, EndpointList, EndpointRequest, EndpointsRequest, InvokeRequest, InvokeResultView, PayloadSchemaRequest, PayloadSchemaView } from './schemas/endpoint';
import { HistoryDeleted, HistoryDeleteRequest, HistoryEntryView, HistoryGetRequest, HistoryList, HistoryListRequest } from './schemas/history';
import { TestRunCancelled, TestRunExportView, TestRunRef, TestRunReport, TestRunRequest } from './schemas/test-run';
import { ModelList, ModelsRequest, ModelVersionList, ModelVersionsRequest, WorkspaceList } from './schemas/workspace';

export interface ChannelSpec {
  readonly summary: string;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** Codes this channel can return besides the ones every channel can (see COMMON_ERRORS). */
  readonly errors: readonly ErrorCode[];
  /**
   * What the action acts on, from its validated input: what the policy decision point decides on and the
   * audit trail names. Required, so a channel cannot be added without it; typed by `channel()` below.
   */
  readonly resource: (input: never) => ResourceRef;
}

/** One channel's spec, with `resource` typed by the channel's own input schema. */
function channel<I extends z.ZodType, O extends z.ZodType, const E extends readonly ErrorCode[]>(spec: {
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  readonly errors: E;
  readonly resource: (input: z.output<I>) => ResourceRef;
}) {
  return spec;
}

const app = () => APP_RESOURCE;
const policy = () => EFFECTIVE_POLICY;
const audit = () => AUDIT_TRAIL;
const activeEnvironment = () => ACTIVE_ENVIRONMENT;
/** An online endpoint by its ARM id (`<workspace id>/onlineEndpoints/<name>`), as admin rules and the audit trail name it. */
const endpoint = ({ workspaceId, endpointName }: { workspaceId: string; endpointName: string }): ResourceRef => ({ type: 'endpoint', id: `${workspaceId}/onlineEndpoints/${endpointName}` });

/** What looking up an endpoint's scoring host in ARM can return (route.check, forward.open). */
const ARM_LOOKUP_ERRORS = ['E_AUTH_REQUIRED', 'E_STEP_UP_REQUIRED', 'E_AZURE_FORBIDDEN', 'E_NOT_FOUND', 'E_UNAVAILABLE', 'E_RATE_LIMITED', 'E_TLS', 'E_KEYCHAIN_UNAVAILABLE', 'E_CONFIG_INVALID'] as const;
/** What bringing a route up can return: posture, host key, SSH sign-in, Bastion, the network, the ARM lookups Bastion needs. */
const ROUTE_UP_ERRORS = ['E_HOST_KEY_UNKNOWN', 'E_HOST_KEY_CHANGED', 'E_SSH_AUTH', 'E_BASTION_REFUSED', 'E_NOT_PRIVATE', 'E_UNREACHABLE', 'E_TIMEOUT', 'E_ROUTE_DROPPED', ...ARM_LOOKUP_ERRORS] as const;

/**
 * Returned by the binding itself for any channel, before or around the service call: the gateway's own checks,
 * and the guard's (Airlock's admin policy refused the action; the audit trail it requires cannot be written).
 */
export const COMMON_ERRORS = ['E_BAD_REQUEST', 'E_UNKNOWN_CHANNEL', 'E_FORBIDDEN_SENDER', 'E_INTERNAL', 'E_POLICY_DENIED', 'E_AUDIT_UNAVAILABLE'] as const;

export const contract = {
  'app.info': channel({
    summary: 'Version, platform and the environments this build knows.',
    input: NoInput,
    output: AppInfo,
    errors: [],
    resource: app,
  }),
  'app.health': channel({
    summary: "Whether Airlock's services are up; shown in the status bar.",
    input: NoInput,
    output: AppHealth,
    errors: ['E_UNAVAILABLE'],
    resource: app,
  }),
  'app.openLink': channel({
    summary: 'Opens an https page outside Airlock: Microsoft help pages, or the device-code page the sign-in shows.',
    input: OpenLinkRequest,
    output: LinkOpened,
    errors: ['E_UNAVAILABLE'],
    resource: app,
  }),
  'app.exportDiagnostics': channel({
    summary: 'Writes a diagnostics file for support (versions, platform, environments, health, sign-in state, redacted recent log lines) where main chooses; never tokens, keys or passwords.',
    input: NoInput,
    output: DiagnosticsExport,
    errors: ['E_UNAVAILABLE'],
    resource: app,
  }),
  'auth.signIn': channel({
    summary: 'Signs in to an environment in the system browser (PKCE) or with a device code; resolves when done.',
    input: SignInRequest,
    output: AccountSummary,
    errors: ['E_AUTH_REQUIRED', 'E_TIMEOUT', 'E_UNAVAILABLE', 'E_CONFIG_INVALID', 'E_NOT_FOUND', 'E_STEP_UP_REQUIRED', 'E_KEYCHAIN_UNAVAILABLE'],
    resource: ({ environmentId }) => ({ type: 'environment', id: environmentId }),
  }),
  'auth.signInProgress': channel({
    summary: 'What the sign-in in progress is waiting for (the browser, or a device code to enter).',
    input: NoInput,
    output: SignInProgress,
    errors: [],
    resource: app,
  }),
  'auth.cancelSignIn': channel({
    summary: 'Stops waiting for the sign-in in progress.',
    input: NoInput,
    output: Cancelled,
    errors: [],
    resource: app,
  }),
  'auth.accounts': channel({
    summary: 'The accounts signed in on this device and which one is active.',
    input: NoInput,
    output: Accounts,
    errors: ['E_AUTH_REQUIRED'],
    resource: () => DEVICE_ACCOUNTS,
  }),
  'auth.switchAccount': channel({
    summary: 'Makes another signed-in account the active one.',
    input: AccountRequest,
    output: Accounts,
    errors: ['E_AUTH_REQUIRED'],
    resource: ({ accountId }) => ({ type: 'account', id: accountId }),
  }),
  'auth.signOut': channel({
    summary: "Signs one account out and removes its tokens from this device.",
    input: AccountRequest,
    output: Accounts,
    errors: ['E_AUTH_REQUIRED'],
    resource: ({ accountId }) => ({ type: 'account', id: accountId }),
  }),
  'auth.forgetDevice': channel({
    summary: 'Signs every account out and wipes the encrypted cache and its keychain entries.',
    input: NoInput,
    output: Done,
    errors: ['E_KEYCHAIN_UNAVAILABLE'],
    resource: () => DEVICE_ACCOUNTS,
  }),
  'auth.unlock': channel({
    summary: 'Reloads the token cache after an idle lock (keychain read and decrypt), then reports the session.',
    input: NoInput,
    output: SessionInfo,
    errors: ['E_AUTH_REQUIRED', 'E_KEYCHAIN_UNAVAILABLE', 'E_STEP_UP_REQUIRED', 'E_UNAVAILABLE'],
    resource: () => ACTIVE_ACCOUNT,
  }),
  'auth.session': channel({
    summary: 'The active account, its token lifetimes and MFA facts, and the vault state — never token values.',
    input: NoInput,
    output: SessionInfo,
    errors: ['E_AUTH_REQUIRED', 'E_STEP_UP_REQUIRED', 'E_UNAVAILABLE'],
    resource: () => ACTIVE_ACCOUNT,
  }),
  'auth.stepUp': channel({
    summary: 'Answers a step-up: the sign-in prompt (MFA or an auth context) that an E_STEP_UP_REQUIRED error asked for.',
    input: StepUpRequest,
    output: AccountSummary,
    errors: ['E_AUTH_REQUIRED', 'E_NOT_FOUND', 'E_TIMEOUT', 'E_UNAVAILABLE', 'E_CONFIG_INVALID', 'E_KEYCHAIN_UNAVAILABLE', 'E_BAD_REQUEST', 'E_STEP_UP_REQUIRED'],
    resource: () => ACTIVE_ACCOUNT,
  }),
  'workspace.list': channel({
    summary: "The Azure Machine Learning workspaces the active account can see, across its subscriptions.",
    input: NoInput,
    output: WorkspaceList,
    errors: ['E_AUTH_REQUIRED', 'E_STEP_UP_REQUIRED', 'E_AZURE_FORBIDDEN', 'E_NOT_FOUND', 'E_UNAVAILABLE', 'E_RATE_LIMITED', 'E_TLS', 'E_KEYCHAIN_UNAVAILABLE', 'E_CONFIG_INVALID'],
    resource: () => ALL_WORKSPACES,
  }),
  'workspace.models': channel({
    summary: 'The models registered in one workspace, read as the active account.',
    input: ModelsRequest,
    output: ModelList,
    errors: ['E_AUTH_REQUIRED', 'E_STEP_UP_REQUIRED', 'E_AZURE_FORBIDDEN', 'E_NOT_FOUND', 'E_UNAVAILABLE', 'E_RATE_LIMITED', 'E_TLS', 'E_KEYCHAIN_UNAVAILABLE', 'E_CONFIG_INVALID'],
    resource: ({ workspaceId }) => ({ type: 'workspace', id: workspaceId }),
  }),
  'workspace.modelVersions': channel({
    summary: "One model's versions (the model detail view), newest first, read as the active account.",
    input: ModelVersionsRequest,
    output: ModelVersionList,
    errors: [...ARM_LOOKUP_ERRORS],
    resource: ({ workspaceId, modelName }) => ({ type: 'model', id: `${workspaceId}/models/${modelName}` }),
  }),
  'endpoint.list': channel({
    summary: 'The online endpoints of one workspace: auth mode, scoring host, public network access, traffic split, provisioning state.',
    input: EndpointsRequest,
    output: EndpointList,
    errors: [...ARM_LOOKUP_ERRORS],
    resource: ({ workspaceId }) => ({ type: 'workspace', id: workspaceId }),
  }),
  'endpoint.detail': channel({
    summary: 'One online endpoint and its deployments: state, SKU, instance count, traffic share.',
    input: EndpointRequest,
    output: EndpointDetail,
    errors: [...ARM_LOOKUP_ERRORS],
    resource: endpoint,
  }),
  'endpoint.logs': channel({
    summary: "The newest lines of one deployment's container log (ARM getLogs).",
    input: DeploymentLogsRequest,
    output: DeploymentLogs,
    errors: [...ARM_LOOKUP_ERRORS],
    resource: endpoint,
  }),
  'endpoint.payloadSchema': channel({
    summary: "The request body's JSON schema and samples from the deployment's swagger (read over the private route), and the size limit in force.",
    input: PayloadSchemaRequest,
    output: PayloadSchemaView,
    errors: ['E_ROUTE_DOWN', ...ROUTE_UP_ERRORS],
    resource: endpoint,
  }),
  'endpoint.score': channel({
    summary: "A test inference: the payload checked in main, then POSTed over the allowed private route with the credential of the endpoint's auth mode (never shown), to the endpoint or one deployment.",
    input: InvokeRequest,
    output: InvokeResultView,
    errors: ['E_PAYLOAD_INVALID', 'E_PAYLOAD_TOO_LARGE', 'E_ROUTE_DOWN', ...ROUTE_UP_ERRORS],
    resource: endpoint,
  }),
  'history.list': channel({
    summary: 'The local history of test inferences, newest first (optionally one workspace or endpoint), and whether new ones are kept and for how long.',
    input: HistoryListRequest,
    output: HistoryList,
    errors: ['E_UNAVAILABLE', 'E_KEYCHAIN_UNAVAILABLE'],
    resource: () => INVOKE_HISTORY,
  }),
  'history.get': channel({
    summary: 'One history entry whole: the payload as sent and the response as shown (decrypted in main; the credential was never kept).',
    input: HistoryGetRequest,
    output: HistoryEntryView,
    errors: ['E_NOT_FOUND', 'E_UNAVAILABLE', 'E_KEYCHAIN_UNAVAILABLE'],
    resource: ({ id }) => ({ type: 'history', id }),
  }),
  'history.remove': channel({
    summary: 'Deletes one history entry, or all of them.',
    input: HistoryDeleteRequest,
    output: HistoryDeleted,
    errors: ['E_NOT_FOUND', 'E_UNAVAILABLE'],
    resource: (input) => ('id' in input ? { type: 'history', id: input.id } : INVOKE_HISTORY),
  }),
  'testRun.start': channel({
    summary: 'A test run: the payload checked once, then sent count times at the given concurrency (and rate) over the allowed private route; resolves with the report when it ends. Progress is pushed as testRun.progress. One run at a time.',
    input: TestRunRequest,
    output: TestRunReport,
    errors: ['E_PAYLOAD_INVALID', 'E_PAYLOAD_TOO_LARGE', 'E_ROUTE_DOWN', ...ROUTE_UP_ERRORS],
    resource: endpoint,
  }),
  'testRun.cancel': channel({
    summary: 'Stops a running test run: no new requests start; it then resolves with the state "cancelled".',
    input: TestRunRef,
    output: TestRunCancelled,
    errors: ['E_NOT_FOUND'],
    resource: endpoint,
  }),
  'testRun.export': channel({
    summary: "Writes a finished test run's samples and summary as CSV where main chooses (a save dialog in Airlock); the request names no path.",
    input: TestRunRef,
    output: TestRunExportView,
    errors: ['E_NOT_FOUND', 'E_UNAVAILABLE'],
    resource: endpoint,
  }),
  'policy.show': channel({
    summary: 'The admin policy in force on this machine: where it came from, whether it loaded, its settings (which are managed) and the document.',
    input: NoInput,
    output: PolicyView,
    errors: ['E_UNAVAILABLE'],
    resource: policy,
  }),
  'policy.explain': channel({
    summary: 'What the policy decides for an action on a resource now, the rule that decided, the rules that matched and why.',
    input: PolicyExplainRequest,
    output: PolicyExplanationView,
    errors: ['E_UNAVAILABLE'],
    resource: policy,
  }),
  'audit.status': channel({
    summary: "The audit trail's state: whether it records, its newest record, where its keys are, its database, retention and forwarding.",
    input: NoInput,
    output: AuditStatusView,
    errors: ['E_UNAVAILABLE'],
    resource: audit,
  }),
  'audit.list': channel({
    summary: 'A page of audit records, newest first, matching a filter (time range, action, outcome, account, resource, kind).',
    input: AuditListRequest,
    output: AuditList,
    errors: ['E_UNAVAILABLE', 'E_AUDIT_UNAVAILABLE'],
    resource: audit,
  }),
  'audit.verify': channel({
    summary: "Verifies the whole trail (chain, MACs, signed checkpoints, the keychain's head); names the first bad record. One at a time: a second call joins the running one.",
    input: NoInput,
    output: VerifyReportView,
    errors: ['E_UNAVAILABLE', 'E_AUDIT_UNAVAILABLE'],
    resource: audit,
  }),
  'audit.verifyProgress': channel({
    summary: 'How far the running verify is (polled while audit.verify is pending), or the last finished report.',
    input: NoInput,
    output: VerifyProgressView,
    errors: ['E_UNAVAILABLE'],
    resource: audit,
  }),
  'audit.cancelVerify': channel({
    summary: 'Stops the running verify; it then answers with the result "aborted".',
    input: NoInput,
    output: VerifyCancelled,
    errors: ['E_UNAVAILABLE'],
    resource: audit,
  }),
  'audit.export': channel({
    summary: 'Writes the matching records as JSONL, CSV, CEF or OCSF, with the latest signed checkpoint, where main chooses (a save dialog in Airlock); the request names no path.',
    input: AuditExportRequest,
    output: AuditExportView,
    errors: ['E_UNAVAILABLE', 'E_AUDIT_UNAVAILABLE'],
    resource: audit,
  }),
  'audit.anomalies': channel({
    summary: 'Anomaly hints computed from the local trail (unusual hours, volume spikes, repeated failures, a new network), and whether policy makes one block.',
    input: NoInput,
    output: AnomalyHints,
    errors: ['E_UNAVAILABLE', 'E_AUDIT_UNAVAILABLE'],
    resource: audit,
  }),
  'route.list': channel({
    summary: "The active environment's private routes (VPN or direct, SSH jump host, Azure Bastion): each one's state, counts, latency and last error, and whether the environment and the policy allow it.",
    input: NoInput,
    output: RouteList,
    errors: ['E_UNAVAILABLE', 'E_AUTH_REQUIRED', 'E_NOT_FOUND'],
    resource: activeEnvironment,
  }),
  'route.connect': channel({
    summary: 'Brings one private route of the active environment up (resolves when it is up). An unknown jump host key fails E_HOST_KEY_UNKNOWN with the fingerprint to confirm (route.trustHostKey).',
    input: RouteRequest,
    output: RouteStatusView,
    errors: ROUTE_UP_ERRORS,
    resource: activeEnvironment,
  }),
  'route.disconnect': channel({
    summary: 'Takes one private route down (and stops its reconnecting); forwards over it stop carrying data.',
    input: RouteRequest,
    output: RouteStatusView,
    errors: ['E_UNAVAILABLE', 'E_AUTH_REQUIRED', 'E_NOT_FOUND'],
    resource: activeEnvironment,
  }),
  'route.trustHostKey': channel({
    summary: "Trusts the jump host key a pending route.connect was shown (that exact fingerprint only) and remembers it; refused when the policy forbids first-use trust. Audited.",
    input: TrustHostKeyRequest,
    output: HostKeyTrusted,
    errors: ['E_NOT_FOUND', 'E_UNAVAILABLE', 'E_AUTH_REQUIRED'],
    resource: activeEnvironment,
  }),
  'route.check': channel({
    summary: "Test connection: walks an endpoint's scoring host (looked up in ARM) over one route, DNS/route → TCP/channel → TLS → HTTP, each step timed with its cause in words.",
    input: RouteCheckRequest,
    output: TestConnectionView,
    errors: ['E_ROUTE_DOWN', ...ROUTE_UP_ERRORS],
    resource: endpoint,
  }),
  'route.answerPrompt': channel({
    summary: 'Answers a route.prompt (an encrypted key\'s passphrase), or cancels it with null. The answer is never logged, audited or echoed.',
    input: AnswerPromptRequest,
    output: PromptAnswered,
    errors: ['E_NOT_FOUND'],
    resource: activeEnvironment,
  }),
  'forward.open': channel({
    summary: "Opens a local forward: 127.0.0.1:PORT to an endpoint's scoring host (port 443) over an allowed route that is up; for the user's own tools. Audited; policy can forbid it.",
    input: ForwardOpenRequest,
    output: ForwardView,
    errors: ['E_PORT_IN_USE', 'E_ROUTE_DOWN', ...ARM_LOOKUP_ERRORS],
    resource: endpoint,
  }),
  'forward.close': channel({
    summary: 'Ends one local forward: its listener and every connection through it.',
    input: ForwardCloseRequest,
    output: ForwardClosed,
    errors: ['E_NOT_FOUND'],
    resource: activeEnvironment,
  }),
  'forward.list': channel({
    summary: 'The local forwards open now, with their addresses, targets and bytes moved.',
    input: NoInput,
    output: ForwardList,
    errors: [],
    resource: activeEnvironment,
  }),
} as const satisfies Record<Channel, ChannelSpec>; // also rejects keys missing from channels.ts

export type Contract = typeof contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

/** The renderer's view: `window.airlock.<service>.<method>(request)`. */
export type AirlockApi = {
  readonly [S in ServiceOf<Channel>]: {
    readonly [C in Channel as ServiceOf<C> extends S ? MethodOf<C> : never]: InputOf<C> extends undefined
      ? () => Promise<IpcResult<OutputOf<C>>>
      : (request: InputOf<C>) => Promise<IpcResult<OutputOf<C>>>;
  };
};

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
