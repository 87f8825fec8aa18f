// The auth service: signs users in with Entra ID through MSAL (system browser with PKCE, or device code),
// keeps one PublicClientApplication per environment (plus a WAM broker one on Windows), and hands access
// tokens to other main-process services. Its parts: the MSAL instances (msal-instances.ts), the accounts
// they hold (account-directory.ts), one staged sign-in attempt (sign-in-attempt.ts) and step-up
// (step-up-conversation.ts); this file is the service's face and the sign-in and token paths.
// It never returns a token through anything the renderer can reach: accessToken() is for services only,
// and everything else returns AccountSummary (ids, names, MFA facts).
import { InteractionRequiredAuthError, type AuthenticationResult, type INetworkModule, type InteractiveRequest, type PublicClientApplication } from '@azure/msal-node';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Environment, EnvironmentsService } from '../environments';
import { systemClock, type Clock, type HttpsPort, type Logger, type Scheduler } from '../ports';
import { createAccountDirectory } from './account-directory';
import { summarizeAccount, type AccountSummary } from './account-summary';
import { guardBrowserOpener, type BrowserOpener } from './browser-guard';
import { acquireInteractive, type BrokerPluginLoader } from './broker';
import { signInWithBrowser } from './browser-sign-in';
import { authorityFor } from './tenant';
import { createInteractiveGate } from './interactive-gate';
import { createMsalInstances, type MsalCacheStore } from './msal-instances';
import { toAuthError } from './msal-errors';
import { runStagedSignIn } from './sign-in-attempt';
import { authContextClaims } from './claims-challenge';
import { createStepUpConversation } from './step-up-conversation';
import { createStepUpRegistry, RESOURCE_NAMES, type StepUpReason } from './step-up-registry';
import { factsOfClaims, mfaFactsOf, showsMfa, type TokenMfaFacts } from './token-claims';

export type { AccountSummary } from './account-summary';
export type { TokenMfaFacts } from './token-claims';
export type { BrowserOpener } from './browser-guard';
export type { MsalCacheStore } from './msal-instances';
export { loadNativeBrokerPlugin, type BrokerPluginLoader } from './broker';
export type { StepUpReason } from './step-up-registry';
export { authContextClaims, claimsFromChallenge } from './claims-challenge';

/** `armLegacy`: ARM under its legacy scope (environment.armLegacyScope), which Azure Bastion's token exchange takes. */
export type Resource = 'arm' | 'ml' | 'armLegacy';

export interface DeviceCodePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly message: string;
  readonly expiresInSeconds: number;
}

export interface AuthServiceDeps {
  readonly environments: EnvironmentsService;
  /** Opens the system browser (shell.openExternal in Electron). Wrapped in a guard per environment. */
  readonly openBrowser: BrowserOpener;
  readonly logger: Logger;
  /**
   * Persistent, encrypted token cache per environment (the vault); in memory only when absent. Loaded into
   * MSAL once per instance and saved after every call that changed it — not through MSAL's cache plugin,
   * whose read-before-every-access costs each silent call a round trip (see docs/technical).
   */
  readonly cacheStoreFor?: (environmentId: string) => MsalCacheStore | undefined;
  readonly networkClientFor?: (environment: Environment, extraCaPem: string | undefined) => INetworkModule;
  /** The control plane's HTTP port (the host's: net.fetch in Electron); MSAL's network client goes through it. */
  readonly https?: HttpsPort;
  readonly scheduler?: Scheduler;
  /** Long enough for a user to find their phone for MFA. */
  readonly interactiveTimeoutMs?: number;
  readonly clock?: Clock;
  /** The WAM broker plugin (Windows); none means system browser only. Loaded once, on first use. */
  readonly brokerPlugin?: BrokerPluginLoader;
  /** Parents WAM's dialog to Airlock's window; without it WAM may open behind the app. */
  readonly parentWindowHandle?: () => Buffer | undefined;
}

/** MFA Airlock itself requires for a token (configuration now, policy later): `amr` has mfa or `acrs` has the id. */
export interface MfaRequirement {
  readonly authContextId: string;
}

export interface AuthService {
  /**
   * `tenant`: for clouds without a pinned authority, the tenant (GUID or domain) to sign in to.
   * `viaBroker: false` keeps WAM out (a step-up for an account the browser signed in must land in its cache).
   */
  signInInteractive(environmentId: string, options?: { loginHint?: string; claims?: string; resource?: Resource; tenant?: string; viaBroker?: boolean }): Promise<AccountSummary>;
  signInWithDeviceCode(environmentId: string, onCode: (prompt: DeviceCodePrompt) => void, options?: { tenant?: string }): Promise<AccountSummary>;
  cancelSignIn(): boolean;
  accounts(): Promise<AccountSummary[]>;
  /** For main-process services only. Never expose through IPC. */
  accessToken(
    accountId: string,
    resource: Resource,
    /** `display`: only to show the token's lifetime — Airlock's own MFA requirement is not checked (no call follows). */
    options?: { claims?: string; forceRefresh?: boolean; requireMfa?: MfaRequirement; display?: boolean },
  ): Promise<{ token: string; expiresOn: Date | null }>;
  /**
   * For a resource that answered 401 with a claims challenge: records it and returns the E_STEP_UP_REQUIRED
   * error (with an opaque stepUpId) for the caller to throw.
   */
  stepUpRequired(accountId: string, resource: Resource, claims: string, reason?: StepUpReason): Promise<AirlockError>;
  /** The environment a signed-in account belongs to (where its resources are); E_AUTH_REQUIRED if none. */
  accountEnvironment(accountId: string): Promise<Environment>;
  /** Answers a step-up: the interactive prompt for that account and resource, asking for the recorded claims. */
  stepUp(stepUpId: string): Promise<AccountSummary>;
  signOut(accountId: string): Promise<void>;
  /**
   * Signs every account of one environment out (Forget this device): out of WAM whether or not the vault is
   * locked, and out of the environment's MSAL cache where its vault can be read. Tries both; rejects with the
   * first failure (a locked vault's cache is left to the wipe that follows).
   */
  signOutAll(environmentId: string): Promise<void>;
  /**
   * The MFA facts (`amr`, `acrs`) of the newest token Airlock received for this account in this run, from
   * memory (the guard's request context); null before any. Facts only — never the token or other claims.
   */
  mfaFacts(accountId: string): TokenMfaFacts | null;
  /**
   * Drops the environment's MSAL instance and with it MSAL's in-memory copy of the cache. Called when the
   * vault locks or wipes, so no decrypted token outlives the lock; the next use rebuilds it from the vault.
   */
  evict(environmentId: string): void;
}

/** A step-up for the legacy ARM scope is one for ARM: the same resource, the same sign-in answers it. */
const stepUpResource = (resource: Resource): 'arm' | 'ml' => (resource === 'armLegacy' ? 'arm' : resource);

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const gate = createInteractiveGate(deps.interactiveTimeoutMs ?? 10 * 60_000, deps.scheduler);
  const msal = createMsalInstances(deps);
  const directory = createAccountDirectory({ environments: deps.environments, msal, logger: deps.logger });
  const stepUps = createStepUpConversation({
    registry: createStepUpRegistry(deps.clock ?? systemClock),
    directory,
    logger: deps.logger,
    prompt: (environmentId, options) => service.signInInteractive(environmentId, options),
  });

  function environmentOf(environmentId: string): Environment {
    const environment = deps.environments.list().find((e) => e.id === environmentId);
    if (!environment) throw new AirlockError('E_NOT_FOUND', { message: 'That environment is not configured in Airlock.', details: { environmentId: environmentId.slice(0, 64) } });
    if (!environment.clientId) {
      throw new AirlockError('E_CONFIG_INVALID', {
        message: 'No application (client) id is configured for this environment, so Airlock cannot sign you in.',
        hint: 'Ask your administrator to set the Airlock client id for this environment.',
        details: { environmentId },
      });
    }
    return environment;
  }

  const scopeOf = (environment: Environment, resource: Resource) => (resource === 'arm' ? environment.armScope : resource === 'armLegacy' ? environment.armLegacyScope : environment.mlScope);

  // accountId → the MFA facts of the newest token received for it (readable access token, else the id token).
  const lastFacts = new Map<string, TokenMfaFacts>();
  const noteFacts = (accountId: string, result: AuthenticationResult): TokenMfaFacts => {
    const facts = mfaFactsOf(result.accessToken) ?? factsOfClaims(result.idTokenClaims as Record<string, unknown> | undefined);
    lastFacts.set(accountId, facts);
    return facts;
  };

  /**
   * One sign-in through the gate (one prompt at a time), staged in an instance of its own so an abandoned
   * attempt adds nothing (sign-in-attempt.ts), saved to the vault, logged, errors in plain words.
   */
  async function signIn(
    environmentId: string,
    method: 'browser' | 'device-code',
    acquire: (environment: Environment, app: PublicClientApplication, signal: AbortSignal, undoIfUnsettled: (undo: () => Promise<void>) => void) => Promise<AuthenticationResult | null>,
  ): Promise<AccountSummary> {
    deps.logger.log('info', 'auth.sign_in_started', { environmentId, method });
    try {
      const environment = environmentOf(environmentId);
      await msal.application(environment); // a locked vault refuses before any prompt opens
      const { result, app } = await runStagedSignIn({
        gate,
        logger: deps.logger,
        environmentId: environment.id,
        method,
        staging: () => msal.staging(environment),
        target: () => msal.application(environment),
        acquire: (staging, signal, undoIfUnsettled) => acquire(environment, staging, signal, undoIfUnsettled),
      });
      if (!result?.account) throw new AirlockError('E_INTERNAL');
      await msal.save(environment.id, app);
      deps.logger.log('info', 'auth.signed_in', { environmentId, method });
      noteFacts(result.account.homeAccountId, result);
      return summarizeAccount(result.account, environment.id);
    } catch (thrown) {
      const error = toAuthError(thrown);
      deps.logger.log('warn', 'auth.sign_in_failed', { environmentId, method, code: error.code });
      throw error;
    }
  }

  /** WAM's parent window, when main gave one (ignored by the browser path). */
  const windowHandle = (): { windowHandle?: Buffer } => {
    const handle = deps.parentWindowHandle?.();
    return handle ? { windowHandle: handle } : {};
  };

  const service: AuthService = {
    signInInteractive: (environmentId, options = {}) =>
      // The broker (WAM) first where there is one; the system browser otherwise, or when the broker fails.
      signIn(environmentId, 'browser', async (environment, staging, signal, undoIfUnsettled) => {
        const broker = options.viaBroker === false ? null : await msal.broker(environment);
        const browser = async (request: InteractiveRequest) => signInWithBrowser({ authorize: await msal.application(environment), redeem: staging }, request, signal);
        return acquireInteractive({ broker, browser }, { signal, logger: deps.logger, environmentId: environment.id, undoIfUnsettled }, {
          scopes: [scopeOf(environment, options.resource ?? 'arm')],
          authority: authorityFor(environment, options.tenant),
          openBrowser: guardBrowserOpener(deps.openBrowser, authorityFor(environment)),
          ...windowHandle(),
          ...(options.loginHint ? { loginHint: options.loginHint } : {}),
          ...(options.claims ? { claims: options.claims } : {}),
        });
      }),

    signInWithDeviceCode: (environmentId, onCode, options = {}) =>
      signIn(environmentId, 'device-code', (environment, app, signal) => {
        const request = {
          scopes: [environment.armScope],
          authority: authorityFor(environment, options.tenant),
          cancel: false,
          deviceCodeCallback: (r: { userCode: string; verificationUri: string; message: string; expiresIn: number }) => {
            if (!signal.aborted) onCode({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message, expiresInSeconds: r.expiresIn });
          },
        };
        // MSAL checks `cancel` before each poll: set the moment the gate gives up (or the attempt ends).
        signal.addEventListener('abort', () => (request.cancel = true), { once: true });
        return app.acquireTokenByDeviceCode(request);
      }),

    cancelSignIn: () => gate.cancel(),
    accounts: () => directory.list(),

    async accessToken(accountId, resource, options = {}) {
      const { environment, app, account } = await directory.find(accountId);
      let result: AuthenticationResult;
      try {
        result = await app.acquireTokenSilent({
          account,
          scopes: [scopeOf(environment, resource)],
          // A cloud without a pinned authority: refresh in the account's own tenant, not `organizations`.
          ...(environment.authority ? {} : { authority: authorityFor(environment, account.tenantId) }),
          ...(options.claims ? { claims: options.claims } : {}),
          ...(options.forceRefresh ? { forceRefresh: true } : {}),
        });
      } catch (thrown) {
        const error = toAuthError(thrown, { resource: RESOURCE_NAMES[stepUpResource(resource)] });
        if (error.code !== 'E_STEP_UP_REQUIRED') throw error;
        const asked = options.claims ?? (thrown instanceof InteractionRequiredAuthError ? thrown.claims : undefined) ?? '';
        // Asked with claims: a resource's challenge the refresh token could not meet; else the IdP's own refusal.
        throw stepUps.required(account, environment, stepUpResource(resource), asked, options.claims ? 'claims-challenge' : 'token-refused');
      }
      if (!result.fromCache) await msal.save(environment.id, app);
      else deps.cacheStoreFor?.(environment.id)?.touch?.();
      const mfa = options.display ? undefined : (options.requireMfa ?? environment.requireMfa);
      const facts = noteFacts(accountId, result);
      if (mfa && !showsMfa(facts, mfa.authContextId)) {
        throw stepUps.required(account, environment, stepUpResource(resource), authContextClaims(mfa.authContextId), 'mfa-required');
      }
      return { token: result.accessToken, expiresOn: result.expiresOn };
    },

    async stepUpRequired(accountId, resource, claims, reason = 'claims-challenge') {
      const { environment, account } = await directory.find(accountId);
      return stepUps.required(account, environment, stepUpResource(resource), claims, reason);
    },

    accountEnvironment: async (accountId) => (await directory.find(accountId)).environment,
    stepUp: (stepUpId) => stepUps.answer(stepUpId),
    signOut: (accountId) => {
      lastFacts.delete(accountId);
      return directory.signOut(accountId);
    },
    mfaFacts: (accountId) => lastFacts.get(accountId) ?? null,
    signOutAll: (environmentId) => directory.signOutAll(environmentId),

    evict(environmentId) {
      directory.forget(environmentId);
      if (msal.evict(environmentId)) deps.logger.log('info', 'auth.cache_evicted', { environmentId });
    },
  };
  return service;
}
