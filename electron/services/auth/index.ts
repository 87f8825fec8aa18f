// The auth service: signs users in with Entra ID through MSAL (system browser with PKCE, or device code),
// keeps one PublicClientApplication per environment (plus a WAM broker one on Windows), and hands access
// tokens to other main-process services.
// It never returns a token through anything the renderer can reach: accessToken() is for services only,
// and everything else returns AccountSummary (ids, names, MFA facts).
import { readFile } from 'node:fs/promises';
import { InteractionRequiredAuthError, LogLevel, PublicClientApplication, type AccountInfo, type AuthenticationResult, type INetworkModule } from '@azure/msal-node';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Environment, EnvironmentsService } from '../environments';
import { systemClock, type Clock, type Logger, type Scheduler } from '../ports';
import { summarizeAccount, type AccountSummary } from './account-summary';
import { guardBrowserOpener, type BrowserOpener } from './browser-guard';
import { acquireInteractive, brokerAccounts, brokerPluginOnce, isBrokerAccount, type BrokerPluginLoader, type INativeBrokerPlugin } from './broker';
import { createHttpsNetworkClient } from './https-network-client';
import { authorityFor } from './tenant';
import { createInteractiveGate } from './interactive-gate';
import { toAuthError } from './msal-errors';
import { redactSecrets } from '../logging';
import { authContextClaims, authContextOf } from './claims-challenge';
import { createStepUpRegistry, RESOURCE_NAMES, type StepUpReason } from './step-up-registry';
import { factsOfClaims, mfaFactsOf, showsMfa } from './token-claims';

export type { AccountSummary } from './account-summary';
export type { BrowserOpener } from './browser-guard';
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

/** Where an environment's serialized MSAL cache is kept (the vault: encrypted at rest). */
export interface MsalCacheStore {
  read(): Promise<string | null>;
  write(serialized: string): Promise<void>;
  /** Marks the cache as in use (silent calls count as activity for the idle lock); never blocks. */
  touch?(): void;
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
  /** `tenant`: for clouds without a pinned authority, the tenant (GUID or domain) to sign in to. */
  /** `viaBroker: false` keeps WAM out (a step-up for an account the browser signed in must land in its cache). */
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
   * Drops the environment's MSAL instance and with it MSAL's in-memory copy of the cache. Called when the
   * vault locks or wipes, so no decrypted token outlives the lock; the next use rebuilds it from the vault.
   */
  evict(environmentId: string): void;
}

const MSAL_LEVELS: Record<LogLevel, 'debug' | 'info' | 'warn' | 'error'> = {
  [LogLevel.Error]: 'error',
  [LogLevel.Warning]: 'warn',
  [LogLevel.Info]: 'info',
  [LogLevel.Verbose]: 'debug',
  [LogLevel.Trace]: 'debug',
};

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const gate = createInteractiveGate(deps.interactiveTimeoutMs ?? 10 * 60_000, deps.scheduler);
  const stepUps = createStepUpRegistry(deps.clock ?? systemClock);
  const applications = new Map<string, Promise<PublicClientApplication>>();
  // accountId → where it was found. Saves a full cache read and account scan on every silent call (the hot
  // path); dropped when the account signs out or its environment's MSAL instance is evicted.
  const found = new Map<string, { environment: Environment; account: AccountInfo }>();
  // Each environment's broker twin (null without a usable broker). Its cache is empty (WAM keeps the tokens),
  // so it is never persisted: saving it would overwrite the vault.
  const brokers = new Map<string, Promise<PublicClientApplication | null>>();
  const brokerApps = new WeakSet<PublicClientApplication>();
  const brokerPlugin = brokerPluginOnce(deps.brokerPlugin, deps.logger);

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

  /** One configuration for both instances of an environment (browser and broker): cp1, no PII, redacted logs. */
  function newApplication(environment: Environment, extraCa: string | undefined, nativeBrokerPlugin?: INativeBrokerPlugin): PublicClientApplication {
    return new PublicClientApplication({
      auth: {
        clientId: environment.clientId!,
        authority: authorityFor(environment),
        clientCapabilities: ['cp1'],
        ...(environment.knownAuthorities ? { knownAuthorities: [...environment.knownAuthorities] } : {}),
      },
      system: {
        networkClient: deps.networkClientFor?.(environment, extraCa) ?? createHttpsNetworkClient(extraCa),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message, containsPii) => {
            if (!containsPii) deps.logger.log(MSAL_LEVELS[level], 'auth.msal', { message: redactSecrets(message).slice(0, 500) });
          },
        },
      },
      ...(nativeBrokerPlugin ? { broker: { nativeBrokerPlugin } } : {}),
    });
  }

  function applicationFor(environment: Environment): Promise<PublicClientApplication> {
    let app = applications.get(environment.id);
    if (!app) {
      app = (async () => {
        const extraCa = environment.caCertPath ? await readFile(environment.caCertPath, 'utf8') : undefined;
        const store = deps.cacheStoreFor?.(environment.id);
        const saved = store ? await store.read() : null; // a locked vault refuses here (E_AUTH_REQUIRED)
        const pca = newApplication(environment, extraCa);
        if (saved) pca.getTokenCache().deserialize(saved);
        return pca;
      })();
      app.catch(() => applications.delete(environment.id));
      applications.set(environment.id, app);
    }
    return app;
  }

  function brokerFor(environment: Environment): Promise<PublicClientApplication | null> {
    let app = brokers.get(environment.id);
    if (!app) {
      app = (async () => {
        const plugin = await brokerPlugin();
        if (!plugin) return null;
        const extraCa = environment.caCertPath ? await readFile(environment.caCertPath, 'utf8') : undefined;
        const pca = newApplication(environment, extraCa, plugin);
        brokerApps.add(pca);
        return pca;
      })();
      app.catch(() => brokers.delete(environment.id));
      brokers.set(environment.id, app);
    }
    return app;
  }

  /** Saves MSAL's cache to the store, and takes back what the store kept (it caps access-token lifetimes). */
  async function persist(environmentId: string, app: PublicClientApplication): Promise<void> {
    const store = deps.cacheStoreFor?.(environmentId);
    if (!store || brokerApps.has(app)) return;
    const serialized = app.getTokenCache().serialize();
    await store.write(serialized);
    const kept = await store.read();
    if (kept !== null && kept !== serialized) app.getTokenCache().deserialize(kept);
  }

  async function findAccount(accountId: string): Promise<{ environment: Environment; app: PublicClientApplication; account: AccountInfo }> {
    const known = found.get(accountId);
    const knownApp = known && (await (isBrokerAccount(known.account) ? brokers : applications).get(known.environment.id));
    if (known && knownApp) return { ...known, app: knownApp };
    for (const environment of deps.environments.list()) {
      if (!environment.clientId) continue; // built-in clouds without a configured client id cannot hold accounts
      const app = await applicationFor(environment);
      const account = await app.getTokenCache().getAccountByHomeId(accountId);
      if (account) {
        found.set(accountId, { environment, account });
        return { environment, app, account };
      }
      const broker = await brokerFor(environment);
      const brokered = (await brokerAccounts(broker, deps.logger, environment.id)).find((a) => a.homeAccountId === accountId);
      if (broker && brokered) {
        found.set(accountId, { environment, account: brokered });
        return { environment, app: broker, account: brokered };
      }
    }
    throw new AirlockError('E_AUTH_REQUIRED', { message: 'That account is not signed in on this device.', hint: 'Sign in again.' });
  }

  /** One sign-in through the gate (one prompt at a time), saved to the vault, logged, errors in plain words. */
  async function signIn(
    environmentId: string,
    method: 'browser' | 'device-code',
    acquire: (environment: Environment, app: PublicClientApplication, signal: AbortSignal) => Promise<AuthenticationResult | null>,
  ): Promise<AccountSummary> {
    deps.logger.log('info', 'auth.sign_in_started', { environmentId, method });
    try {
      const environment = environmentOf(environmentId);
      const app = await applicationFor(environment);
      const result = await gate.run((signal) => acquire(environment, app, signal));
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
      signIn(environmentId, 'browser', async (environment, app, signal) =>
        acquireInteractive({ broker: options.viaBroker === false ? null : await brokerFor(environment), browser: app }, { signal, logger: deps.logger, environmentId: environment.id }, {
          scopes: [scopeOf(environment, options.resource ?? 'arm')],
          authority: authorityFor(environment, options.tenant),
          openBrowser: guardBrowserOpener(deps.openBrowser, authorityFor(environment)),
          ...windowHandle(),
          ...(options.loginHint ? { loginHint: options.loginHint } : {}),
          ...(options.claims ? { claims: options.claims } : {}),
          successTemplate: '<p>You are signed in to Airlock. You can close this tab.</p>',
          errorTemplate: '<p>Sign-in to Airlock did not complete. Return to Airlock to try again.</p>',
        }),
      ),

    signInWithDeviceCode: (environmentId, onCode, options = {}) =>
      signIn(environmentId, 'device-code', (environment, app) => {
        const request = {
          scopes: [environment.armScope],
          authority: authorityFor(environment, options.tenant),
          cancel: false,
          deviceCodeCallback: (r: { userCode: string; verificationUri: string; message: string; expiresIn: number }) =>
            onCode({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message, expiresInSeconds: r.expiresIn }),
        };
        // MSAL stops polling once `cancel` is set: done, failed, cancelled or timed out.
        return app.acquireTokenByDeviceCode(request).finally(() => (request.cancel = true));
      }),

    cancelSignIn: () => gate.cancel(),

    async accounts() {
      const all: AccountSummary[] = [];
      for (const environment of deps.environments.list()) {
        if (!environment.clientId) continue;
        const app = await applicationFor(environment);
        for (const account of await app.getAllAccounts()) all.push(summarizeAccount(account, environment.id));
        const listed = new Set(all.map((a) => `${a.environmentId} ${a.accountId}`));
        for (const account of await brokerAccounts(await brokerFor(environment), deps.logger, environment.id)) {
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

    evict(environmentId) {
      for (const [id, entry] of found) if (entry.environment.id === environmentId) found.delete(id);
      if (applications.delete(environmentId)) deps.logger.log('info', 'auth.cache_evicted', { environmentId });
    },
  };
  return service;
}
