// WAM, the Windows authentication broker, through msal-node's native broker plugin. msal-node does not fall
// back when the broker fails, so the auth service keeps two PublicClientApplications per environment: one
// with the broker and the usual system-browser one. Broker refresh tokens stay in WAM (device-bound), so the
// broker instance's MSAL cache is never read from or written to the vault.
import {
  AuthError,
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type INativeBrokerPlugin,
  type InteractiveRequest,
  type PublicClientApplication,
} from '@azure/msal-node';
import type { Logger } from '../ports';
import { signInCancelled } from './interactive-gate';

export type { INativeBrokerPlugin } from '@azure/msal-node';

/** Gives the broker plugin, or null where there is none (not Windows, not installed, runtime missing). */
export type BrokerPluginLoader = () => Promise<INativeBrokerPlugin | null>;

type ExtensionsModule = { NativeBrokerPlugin: new () => INativeBrokerPlugin };

export interface BrokerLoaderOptions {
  readonly platform?: NodeJS.Platform;
  /** How to load @azure/msal-node-extensions; tests replace it. */
  readonly importExtensions?: () => Promise<ExtensionsModule>;
}

const importExtensions = (): Promise<ExtensionsModule> => import('@azure/msal-node-extensions');

/** A code safe to log: error codes are identifiers; anything else (messages, paths) is dropped. */
function codeOf(thrown: unknown, field: 'errorCode' | 'code'): string {
  const value = typeof thrown === 'object' && thrown !== null ? (thrown as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : 'unknown';
}

/** The real plugin, on Windows only: macOS and Linux brokers serve enrolled, opted-in devices only. */
export async function loadNativeBrokerPlugin(logger: Logger, options: BrokerLoaderOptions = {}): Promise<INativeBrokerPlugin | null> {
  if ((options.platform ?? process.platform) !== 'win32') return null;
  try {
    const { NativeBrokerPlugin } = await (options.importExtensions ?? importExtensions)();
    const plugin = new NativeBrokerPlugin();
    if (plugin.isBrokerAvailable) return plugin;
    logger.log('info', 'auth.broker_unavailable', { reason: 'runtime-not-loaded' });
  } catch (thrown) {
    // The optional package may be missing, or its native runtime (or keytar) may fail to load.
    logger.log('warn', 'auth.broker_unavailable', { reason: 'load-failed', code: codeOf(thrown, 'code') });
  }
  return null;
}

/**
 * msal-node-extensions bundles its own msal-common, so its errors fail msal-node's `instanceof` checks (and
 * Airlock's error mapping). Rebuilt here from code, sub-error and claims; the message is dropped.
 */
export function adoptBrokerError(thrown: unknown): unknown {
  if (thrown instanceof AuthError || typeof thrown !== 'object' || thrown === null) return thrown;
  const { name, errorCode, subError, claims } = thrown as Record<string, unknown>;
  if (typeof errorCode !== 'string') return thrown;
  const sub = typeof subError === 'string' ? subError : undefined;
  if (name === 'InteractionRequiredAuthError') {
    return new InteractionRequiredAuthError(errorCode, '', undefined, sub, undefined, undefined, typeof claims === 'string' ? claims : undefined);
  }
  return new AuthError(errorCode, '', undefined, sub);
}

async function adopting<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (thrown) {
    throw adoptBrokerError(thrown);
  }
}

function withAdoptedErrors(plugin: INativeBrokerPlugin): INativeBrokerPlugin {
  return {
    isBrokerAvailable: plugin.isBrokerAvailable,
    setLogger: (options) => plugin.setLogger(options),
    getAccountById: (accountId, correlationId) => adopting(() => plugin.getAccountById(accountId, correlationId)),
    getAllAccounts: (clientId, correlationId) => adopting(() => plugin.getAllAccounts(clientId, correlationId)),
    acquireTokenSilent: (request) => adopting(() => plugin.acquireTokenSilent(request)),
    acquireTokenInteractive: (request, windowHandle) => adopting(() => plugin.acquireTokenInteractive(request, windowHandle)),
    signOut: (request) => adopting(() => plugin.signOut(request)),
  };
}

/** Loads the plugin once per service; a broken loader or an unavailable broker means "no broker". */
export function brokerPluginOnce(load: BrokerPluginLoader | undefined, logger: Logger): () => Promise<INativeBrokerPlugin | null> {
  let loaded: Promise<INativeBrokerPlugin | null> | undefined;
  return () =>
    (loaded ??= (async () => {
      try {
        const plugin = load ? await load() : null;
        if (plugin?.isBrokerAvailable) return withAdoptedErrors(plugin);
        if (plugin) logger.log('info', 'auth.broker_unavailable', { reason: 'runtime-not-loaded' });
        return null;
      } catch (thrown) {
        logger.log('warn', 'auth.broker_unavailable', { reason: 'load-failed', code: codeOf(thrown, 'code') });
        return null;
      }
    })());
}

/** Accounts MSAL holds for a broker instance, via the broker (WAM); broker trouble hides no other account. */
export async function brokerAccounts(broker: PublicClientApplication | null, logger: Logger, environmentId: string): Promise<AccountInfo[]> {
  if (!broker) return [];
  try {
    return await broker.getAllAccounts();
  } catch (thrown) {
    logger.log('warn', 'auth.broker_failed', { environmentId, operation: 'accounts', code: codeOf(thrown, 'errorCode') });
    return [];
  }
}

/** Accounts signed in through the broker carry WAM's own account id; msal-node routes them the same way. */
export const isBrokerAccount = (account: AccountInfo): boolean => Boolean(account.nativeAccountId);

const CANCELLED = new Set(['user_canceled', 'user_cancelled']);

/** What one interactive sign-in runs in (sign-in-attempt.ts). */
export interface InteractiveContext {
  /** Aborts once the interactive gate has given up on the attempt (cancelled, timed out). */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly environmentId: string;
  /** Registers how to take back what the attempt left outside its staging instance, should it not settle. */
  readonly undoIfUnsettled: (undo: () => Promise<void>) => void;
}

/** Signs an account out of WAM again; a broker that refuses is logged (code only), never thrown. */
async function signOutOfBroker(broker: PublicClientApplication, account: AccountInfo, context: InteractiveContext): Promise<void> {
  try {
    await broker.signOut({ account });
  } catch (thrown) {
    context.logger.log('warn', 'auth.broker_failed', { environmentId: context.environmentId, operation: 'sign-out', code: codeOf(thrown, 'errorCode') });
  }
}

/**
 * One interactive sign-in: the broker first when there is one, and on any failure but the user's own
 * cancel, once more in the system browser, so the user sees a sign-in rather than an error. Runs inside the
 * interactive gate; once `signal` says the gate gave up (cancelled, timed out), no dialog or browser opens.
 * `browser` is the system-browser sign-in (browser-sign-in.ts), already bound to the attempt's signal.
 * WAM keeps what its dialog signs in, outside the attempt's staging instance: an account that was not in WAM
 * before the dialog is signed out of it again if the attempt does not settle (a user who finishes WAM's
 * dialog after cancelling in Airlock gets no account, and no wrong-account check of a step-up is skipped).
 */
export async function acquireInteractive(
  apps: { readonly broker: PublicClientApplication | null; readonly browser: (request: InteractiveRequest) => Promise<AuthenticationResult> },
  context: InteractiveContext,
  request: InteractiveRequest,
): Promise<AuthenticationResult> {
  const { broker } = apps;
  if (!broker) return apps.browser(request);
  // Unreadable accounts count as none: an abandoned attempt then signs out whatever WAM hands back, rather
  // than risk keeping an account it added.
  const before = new Set((await brokerAccounts(broker, context.logger, context.environmentId)).map((a) => a.homeAccountId));
  if (context.signal.aborted) throw signInCancelled(); // given up while the attempt was set up: no WAM dialog
  let result: AuthenticationResult;
  try {
    result = await broker.acquireTokenInteractive(request);
  } catch (thrown) {
    const code = codeOf(thrown, 'errorCode');
    if (CANCELLED.has(code)) throw signInCancelled();
    if (context.signal.aborted) throw thrown;
    context.logger.log('warn', 'auth.broker_failed', { environmentId: context.environmentId, operation: 'sign-in', code });
    return apps.browser(request);
  }
  const { account } = result;
  if (account && !before.has(account.homeAccountId)) context.undoIfUnsettled(() => signOutOfBroker(broker, account, context));
  if (context.signal.aborted) throw signInCancelled(); // WAM answered too late: the undo above runs
  return result;
}
