// The one IPC contract: every channel, its request and response schema, and the error codes it may return.
// The main-process binding, preload, harness bridge and CLI are all driven by this object; adding a channel
// here (and to channels.ts) is the whole change needed to expose a new service method.
import type { z } from 'zod';
import type { ErrorCode } from '../errors/codes';
import type { Channel, MethodOf, ServiceOf } from './channels';
import type { IpcResult } from './result';
import { AppHealth, AppInfo, LinkOpened, NoInput, OpenLinkRequest } from './schemas/app';
import { AccountRequest, Accounts, AccountSummary, Cancelled, Done, SessionInfo, SignInProgress, SignInRequest, StepUpRequest } from './schemas/auth';
import { DiagnosticsExport } from './schemas/diagnostics';
import { ModelList, ModelsRequest, WorkspaceList } from './schemas/workspace';

export interface ChannelSpec {
  readonly summary: string;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** Codes this channel can return besides the ones every channel can (see COMMON_ERRORS). */
  readonly errors: readonly ErrorCode[];
}

/** Returned by the binding itself for any channel, before or around the service call. */
export const COMMON_ERRORS = ['E_BAD_REQUEST', 'E_UNKNOWN_CHANNEL', 'E_FORBIDDEN_SENDER', 'E_INTERNAL'] as const;

export const contract = {
  'app.info': {
    summary: 'Version, platform and the environments this build knows.',
    input: NoInput,
    output: AppInfo,
    errors: [],
  },
  'app.health': {
    summary: "Whether Airlock's services are up; shown in the status bar.",
    input: NoInput,
    output: AppHealth,
    errors: ['E_UNAVAILABLE'],
  },
  'app.openLink': {
    summary: 'Opens an https page outside Airlock: Microsoft help pages, or the device-code page the sign-in shows.',
    input: OpenLinkRequest,
    output: LinkOpened,
    errors: ['E_UNAVAILABLE'],
  },
  'app.exportDiagnostics': {
    summary: 'Writes a diagnostics file for support (versions, platform, environments, health, sign-in state, redacted recent log lines) where main chooses; never tokens, keys or passwords.',
    input: NoInput,
    output: DiagnosticsExport,
    errors: ['E_UNAVAILABLE'],
  },
  'auth.signIn': {
    summary: 'Signs in to an environment in the system browser (PKCE) or with a device code; resolves when done.',
    input: SignInRequest,
    output: AccountSummary,
    errors: ['E_AUTH_REQUIRED', 'E_TIMEOUT', 'E_UNAVAILABLE', 'E_CONFIG_INVALID', 'E_NOT_FOUND', 'E_STEP_UP_REQUIRED', 'E_KEYCHAIN_UNAVAILABLE'],
  },
  'auth.signInProgress': {
    summary: 'What the sign-in in progress is waiting for (the browser, or a device code to enter).',
    input: NoInput,
    output: SignInProgress,
    errors: [],
  },
  'auth.cancelSignIn': {
    summary: 'Stops waiting for the sign-in in progress.',
    input: NoInput,
    output: Cancelled,
    errors: [],
  },
  'auth.accounts': {
    summary: 'The accounts signed in on this device and which one is active.',
    input: NoInput,
    output: Accounts,
    errors: ['E_AUTH_REQUIRED'],
  },
  'auth.switchAccount': {
    summary: 'Makes another signed-in account the active one.',
    input: AccountRequest,
    output: Accounts,
    errors: ['E_AUTH_REQUIRED'],
  },
  'auth.signOut': {
    summary: "Signs one account out and removes its tokens from this device.",
    input: AccountRequest,
    output: Accounts,
    errors: ['E_AUTH_REQUIRED'],
  },
  'auth.forgetDevice': {
    summary: 'Signs every account out and wipes the encrypted cache and its keychain entries.',
    input: NoInput,
    output: Done,
    errors: ['E_KEYCHAIN_UNAVAILABLE'],
  },
  'auth.unlock': {
    summary: 'Reloads the token cache after an idle lock (keychain read and decrypt), then reports the session.',
    input: NoInput,
    output: SessionInfo,
    errors: ['E_AUTH_REQUIRED', 'E_KEYCHAIN_UNAVAILABLE', 'E_STEP_UP_REQUIRED', 'E_UNAVAILABLE'],
  },
  'auth.session': {
    summary: 'The active account, its token lifetimes and MFA facts, and the vault state — never token values.',
    input: NoInput,
    output: SessionInfo,
    errors: ['E_AUTH_REQUIRED', 'E_STEP_UP_REQUIRED', 'E_UNAVAILABLE'],
  },
  'auth.stepUp': {
    summary: 'Answers a step-up: the sign-in prompt (MFA or an auth context) that an E_STEP_UP_REQUIRED error asked for.',
    input: StepUpRequest,
    output: AccountSummary,
    errors: ['E_AUTH_REQUIRED', 'E_NOT_FOUND', 'E_TIMEOUT', 'E_UNAVAILABLE', 'E_CONFIG_INVALID', 'E_KEYCHAIN_UNAVAILABLE', 'E_BAD_REQUEST', 'E_STEP_UP_REQUIRED'],
  },
  'workspace.list': {
    summary: "The Azure Machine Learning workspaces the active account can see, across its subscriptions.",
    input: NoInput,
    output: WorkspaceList,
    errors: ['E_AUTH_REQUIRED', 'E_STEP_UP_REQUIRED', 'E_POLICY_DENIED', 'E_NOT_FOUND', 'E_UNAVAILABLE', 'E_RATE_LIMITED', 'E_TLS', 'E_KEYCHAIN_UNAVAILABLE', 'E_CONFIG_INVALID'],
  },
  'workspace.models': {
    summary: 'The models registered in one workspace, read as the active account.',
    input: ModelsRequest,
    output: ModelList,
    errors: ['E_AUTH_REQUIRED', 'E_STEP_UP_REQUIRED', 'E_POLICY_DENIED', 'E_NOT_FOUND', 'E_UNAVAILABLE', 'E_RATE_LIMITED', 'E_TLS', 'E_KEYCHAIN_UNAVAILABLE', 'E_CONFIG_INVALID'],
  },
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

/** The main-process side: what the composition root must provide for every channel (inputs already validated). */
export type ServiceHandlers = {
  readonly [S in ServiceOf<Channel>]: {
    readonly [C in Channel as ServiceOf<C> extends S ? MethodOf<C> : never]: (
      input: z.output<Contract[C]['input']>,
    ) => Promise<OutputOf<C>>;
  };
};
