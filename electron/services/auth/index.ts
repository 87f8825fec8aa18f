// The auth service: signs users in with Entra ID through MSAL (system browser with PKCE, or device code),
// keeps one PublicClientApplication per environment (plus a WAM broker one on Windows), and hands access
// tokens to other main-process services.
// It never returns a token through anything the renderer can reach: accessToken() is for services only,
// and everything else returns AccountSummary (ids, names, MFA facts).
import { InteractionRequiredAuthError, type AccountInfo, type AuthenticationResult, type INetworkModule, type InteractiveRequest, type PublicClientApplication } from '@azure/msal-node';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Environment, EnvironmentsService } from '../environments';
import { systemClock, type Clock, type Logger, type Scheduler } from '../ports';
import { summarizeAccount, type AccountSummary } from './account-summary';
import { guardBrowserOpener, type BrowserOpener } from './browser-guard';
import { acquireInteractive, brokerAccounts, isBrokerAccount, type BrokerPluginLoader } from './broker';
import { signInWithBrowser } from './browser-sign-in';
import { authorityFor } from './tenant';
import { createInteractiveGate } from './interactive-gate';
import { createMsalInstances, type MsalCacheStore } from './msal-instances';
import { toAuthError } from './msal-errors';
import { runStagedSignIn } from './sign-in-attempt';
import { authContextClaims, authContextOf } from './claims-challenge';
import { createStepUpRegistry, RESOURCE_NAMES, type StepUpReason } from './step-up-registry';
import { factsOfClaims, mfaFactsOf, showsMfa } from './token-claims';

export type { AccountSummary } from './account-summary';
export type { BrowserOpener } from './browser-guard';
export type { MsalCacheStore } from './msal-instances';
export { loadNativeBrokerPlugin, type BrokerPluginLoader } from './broker';
export type { StepUpReason } from './step-up-registry';
export { authContextClaims, claimsFromChallenge } from './claims-challenge';

export type Resource = 'arm' | 'ml';

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
   * Drops the environment's MSAL instance and with it MSAL's in-memory copy of the cache. Called when the
   * vault locks or wipes, so no decrypted token outlives the lock; the next use rebuilds it from the vault.
   */
  evict(environmentId: string): void;
}

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const gate = createInteractiveGate(deps.interactiveTimeoutMs ?? 10 * 60_000, deps.scheduler);
  const stepUps = createStepUpRegistry(deps.clock ?? systemClock);
  const msal = createMsalInstances(deps);
  // accountId → where it was found. Saves a full cache read and account scan on every silent call (the hot
  // path); dropped when the account signs out or its environment's MSAL instance is evicted.
  const found = new Map<string, { environment: Environment; account: AccountInfo }>();

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

  const scopeOf = (environment: Environment, resource: Resource) => (resource === 'arm' ? environment.armScope : environment.mlScope);

  /**
   * Saves MSAL's cache to the store, and takes back what the store kept (it caps access-token lifetimes). An
   * instance evicted meanwhile (the vault locked or was wiped while a refresh was under way) saves nothing:
   * its tokens belong to a session that has ended.
   */
  async function persist(environmentId: string, app: PublicClientApplication): Promise<void> {
    const store = deps.cacheStoreFor?.(environmentId);
    if (!store || msal.isBroker(app) || !(await msal.isCurrent(environmentId, app))) return;
    const serialized = app.getTokenCache().serialize();
    await store.write(serialized);
    const kept = await store.read();
    if (kept !== null && kept !== serialized) app.getTokenCache().deserialize(kept);
  }

  async function findAccount(accountId: string): Promise<{ environment: Environment; app: PublicClientApplication; account: AccountInfo }> {
    const known = found.get(accountId);
    const knownApp = known && (await msal.loaded(known.environment.id, isBrokerAccount(known.account)));
    if (known && knownApp) return { ...known, app: knownApp };
    for (const environment of deps.environments.list()) {
      if (!environment.clientId) continue; // built-in clouds without a configured client id cannot hold accounts
      const app = await msal.application(environment);
      const account = await app.getTokenCache().getAccountByHomeId(accountId);
      if (account) {
        found.set(accountId, { environment, account });
        return { environment, app, account };
      }
      const broker = await msal.broker(environment);
      const brokered = (await brokerAccounts(broker, deps.logger, environment.id)).find((a) => a.homeAccountId === accountId);
      if (broker && brokered) {
        found.set(accountId, { environment, account: brokered });
        return { environment, app: broker, account: brokered };
      }
    }
    throw new AirlockError('E_AUTH_REQUIRED', { message: 'That account is not signed in on this device.', hint: 'Sign in again.' });
  }

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
      await persist(environment.id, app);
      deps.logger.log('info', 'auth.signed_in', { environmentId, method });
      return summarizeAccount(result.account, environment.id);
    } catch (thrown) {
      const error = toAuthError(thrown);
      deps.logger.log('warn', 'auth.sign_in_failed', { environmentId, method, code: error.code });
      throw error;
    }
  }

  /** Records a step-up for this account and resource (logged without the claims) and returns the error to throw. */
  function stepUpFor(account: AccountInfo, environment: Environment, resource: Resource, claims: string, reason: StepUpReason): AirlockError {
    const authContextId = authContextOf(claims);
    deps.logger.log('info', reason === 'mfa-required' ? 'auth.mfa_required' : 'auth.step_up_required', {
      environmentId: environment.id,
      resource,
      reason,
      ...(authContextId ? { authContext: authContextId } : {}),
    });
    return stepUps.require({
      accountId: account.homeAccountId,
      username: account.username,
      environmentId: environment.id,
      resource,
      claims,
      reason,
      ...(authContextId ? { authContextId } : {}),
    });
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

    async accounts() {
      const all: AccountSummary[] = [];
      for (const environment of deps.environments.list()) {
        if (!environment.clientId) continue;
        const app = await msal.application(environment);
        for (const account of await app.getAllAccounts()) all.push(summarizeAccount(account, environment.id));
        const listed = new Set(all.map((a) => `${a.environmentId} ${a.accountId}`));
        for (const account of await brokerAccounts(await msal.broker(environment), deps.logger, environment.id)) {
          if (!listed.has(`${environment.id} ${account.homeAccountId}`)) all.push(summarizeAccount(account, environment.id));
        }
      }
      return all;
    },

    async accessToken(accountId, resource, options = {}) {
      const { environment, app, account } = await findAccount(accountId);
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
        const error = toAuthError(thrown, { resource: RESOURCE_NAMES[resource] });
        if (error.code !== 'E_STEP_UP_REQUIRED') throw error;
        const asked = options.claims ?? (thrown instanceof InteractionRequiredAuthError ? thrown.claims : undefined) ?? '';
        // Asked with claims: a resource's challenge the refresh token could not meet; else the IdP's own refusal.
        throw stepUpFor(account, environment, resource, asked, options.claims ? 'claims-challenge' : 'token-refused');
      }
      if (!result.fromCache) await persist(environment.id, app);
      else deps.cacheStoreFor?.(environment.id)?.touch?.();
      const mfa = options.display ? undefined : (options.requireMfa ?? environment.requireMfa);
      if (mfa && !showsMfa(mfaFactsOf(result.accessToken) ?? factsOfClaims(result.idTokenClaims as Record<string, unknown> | undefined), mfa.authContextId)) {
        throw stepUpFor(account, environment, resource, authContextClaims(mfa.authContextId), 'mfa-required');
      }
      return { token: result.accessToken, expiresOn: result.expiresOn };
    },

    async stepUpRequired(accountId, resource, claims, reason = 'claims-challenge') {
      const { environment, account } = await findAccount(accountId);
      return stepUpFor(account, environment, resource, claims, reason);
    },

    accountEnvironment: async (accountId) => (await findAccount(accountId)).environment,

    async stepUp(stepUpId) {
      const challenge = stepUps.take(stepUpId);
      if (!challenge) {
        throw new AirlockError('E_NOT_FOUND', {
          message: 'That sign-in request has expired or was already answered.',
          hint: 'Try the action again; Airlock asks again if it still needs a stronger sign-in.',
        });
      }
      const { account } = await findAccount(challenge.accountId);
      const signedInBefore = new Set((await service.accounts()).map((a) => a.accountId));
      deps.logger.log('info', 'auth.step_up_started', { environmentId: challenge.environmentId, resource: challenge.resource, reason: challenge.reason });
      const summary = await service.signInInteractive(challenge.environmentId, {
        loginHint: account.username,
        tenant: account.tenantId,
        resource: challenge.resource,
        viaBroker: isBrokerAccount(account),
        ...(challenge.claims ? { claims: challenge.claims } : {}),
      });
      if (summary.accountId !== challenge.accountId) {
        // Someone else signed in at the prompt: not what was asked, so that account does not stay behind.
        if (!signedInBefore.has(summary.accountId)) await service.signOut(summary.accountId).catch(() => undefined);
        throw new AirlockError('E_AUTH_REQUIRED', {
          message: `You signed in as ${summary.username}, but the action needs ${account.username}.`,
          hint: `Try the action again and sign in as ${account.username}.`,
        });
      }
      return summary;
    },

    async signOut(accountId) {
      const { app, account, environment } = await findAccount(accountId);
      found.delete(accountId);
      await app.signOut({ account });
      await persist(environment.id, app);
      deps.logger.log('info', 'auth.signed_out', { environmentId: environment.id });
    },

    async signOutAll(environmentId) {
      const environment = deps.environments.list().find((e) => e.id === environmentId);
      if (!environment?.clientId) return; // no client id, no accounts
      for (const [id, entry] of found) if (entry.environment.id === environmentId) found.delete(id);
      const failures: unknown[] = [];
      const broker = await msal.broker(environment);
      for (const account of await brokerAccounts(broker, deps.logger, environment.id)) await broker?.signOut({ account }).catch((thrown: unknown) => failures.push(thrown));
      try {
        const app = await msal.application(environment); // a locked vault refuses here
        for (const account of await app.getAllAccounts()) await app.signOut({ account });
        await persist(environment.id, app);
      } catch (thrown) {
        failures.push(thrown);
      }
      deps.logger.log('info', 'auth.signed_out_all', { environmentId: environment.id, failures: failures.length });
      if (failures.length > 0) throw toAuthError(failures[0]);
    },

    evict(environmentId) {
      for (const [id, entry] of found) if (entry.environment.id === environmentId) found.delete(id);
      if (msal.evict(environmentId)) deps.logger.log('info', 'auth.cache_evicted', { environmentId });
    },
  };
  return service;
}
