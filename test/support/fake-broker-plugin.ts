// A stand-in for @azure/msal-node-extensions' NativeBrokerPlugin (WAM), for tests on any OS. It records every
// call, keeps the accounts "signed in to WAM", and answers interactive calls as scripted. Its errors are plain
// objects shaped like the real plugin's (whose bundled msal-common classes fail msal-node's instanceof), and
// its tokens carry a marker so tests can check no token reached a log or a summary.
import type { AccountInfo, AuthenticationResult, INativeBrokerPlugin } from '@azure/msal-node';

// msal-node does not re-export these msal-common types; the plugin interface carries them.
type LoggerOptions = Parameters<INativeBrokerPlugin['setLogger']>[0];
export type NativeRequest = Parameters<INativeBrokerPlugin['acquireTokenSilent']>[0];
type NativeSignOutRequest = Parameters<INativeBrokerPlugin['signOut']>[0];

export const BROKER_TOKEN_MARKER = 'FAKEBROKERTOKENMARKER7';

export interface BrokerUser {
  readonly oid: string;
  readonly tenantId: string;
  readonly username: string;
  readonly name?: string;
}

export type FakeBrokerCall =
  | { readonly method: 'setLogger'; readonly loggerOptions: LoggerOptions }
  | { readonly method: 'getAccountById' | 'getAllAccounts'; readonly id: string }
  | { readonly method: 'acquireTokenSilent'; readonly request: NativeRequest }
  | { readonly method: 'acquireTokenInteractive'; readonly request: NativeRequest; readonly windowHandle?: Buffer }
  | { readonly method: 'signOut'; readonly request: NativeSignOutRequest };

/**
 * What the broker does on an interactive call: sign this user in (once `finished` resolves, when given: the
 * user finishes WAM's dialog later), fail with this error code, or wait on `pending`.
 */
export type InteractiveOutcome =
  | { readonly user: BrokerUser; readonly finished?: Promise<void> }
  | { readonly errorCode: string; readonly name?: string }
  | { readonly pending: Promise<never> };

export interface FakeBrokerPlugin extends INativeBrokerPlugin {
  readonly calls: FakeBrokerCall[];
  readonly accounts: AccountInfo[];
  /** The outcomes of the next interactive calls, in order; the last one repeats. */
  interactive: InteractiveOutcome[];
  methods(): string[];
}

/** Shaped like the real plugin's errors: errorCode and name, but not an msal-node AuthError. */
export function foreignBrokerError(errorCode: string, name = 'ClientAuthError'): Error & { errorCode: string } {
  return Object.assign(new Error(`${errorCode}: broker said no (${BROKER_TOKEN_MARKER})`), { name, errorCode, subError: '', correlationId: '' });
}

function accountOf(user: BrokerUser): AccountInfo {
  return {
    homeAccountId: `${user.oid}.${user.tenantId}`,
    environment: 'login.windows.net',
    tenantId: user.tenantId,
    username: user.username,
    localAccountId: user.oid,
    name: user.name ?? user.username,
    nativeAccountId: `wam-${user.oid}`,
    idTokenClaims: { oid: user.oid, tid: user.tenantId, amr: ['pwd', 'mfa'] },
  };
}

export function createFakeBrokerPlugin(options: { available?: boolean; interactive?: InteractiveOutcome[] } = {}): FakeBrokerPlugin {
  const calls: FakeBrokerCall[] = [];
  const accounts: AccountInfo[] = [];
  let issued = 0;

  const result = (account: AccountInfo, request: NativeRequest): AuthenticationResult => ({
    authority: request.authority,
    uniqueId: account.localAccountId,
    tenantId: account.tenantId,
    scopes: [...request.scopes],
    account,
    idToken: '',
    idTokenClaims: account.idTokenClaims ?? {},
    accessToken: `${BROKER_TOKEN_MARKER}-${++issued}`,
    fromCache: false,
    expiresOn: null,
    tokenType: 'Bearer',
    correlationId: request.correlationId,
  });

  const plugin: FakeBrokerPlugin = {
    isBrokerAvailable: options.available ?? true,
    calls,
    accounts,
    interactive: [...(options.interactive ?? [])],
    methods: () => calls.map((c) => c.method),
    setLogger(loggerOptions) {
      calls.push({ method: 'setLogger', loggerOptions });
    },
    async getAccountById(accountId) {
      calls.push({ method: 'getAccountById', id: accountId });
      const account = accounts.find((a) => a.nativeAccountId === accountId);
      if (!account) throw foreignBrokerError('no_account_found');
      return account;
    },
    async getAllAccounts(clientId) {
      calls.push({ method: 'getAllAccounts', id: clientId });
      return [...accounts];
    },
    async acquireTokenSilent(request) {
      calls.push({ method: 'acquireTokenSilent', request });
      const account = accounts.find((a) => a.nativeAccountId === request.accountId);
      if (!account) throw foreignBrokerError('interaction_required', 'InteractionRequiredAuthError');
      return result(account, request);
    },
    async acquireTokenInteractive(request, windowHandle) {
      calls.push({ method: 'acquireTokenInteractive', request, ...(windowHandle ? { windowHandle } : {}) });
      const outcome = plugin.interactive.length > 1 ? plugin.interactive.shift() : plugin.interactive[0];
      if (!outcome) throw new Error('the fake broker has no scripted interactive outcome');
      if ('pending' in outcome) return outcome.pending;
      if ('errorCode' in outcome) throw foreignBrokerError(outcome.errorCode, outcome.name);
      await outcome.finished;
      const account = accountOf(outcome.user);
      if (!accounts.some((a) => a.homeAccountId === account.homeAccountId)) accounts.push(account);
      return result(account, request);
    },
    async signOut(request) {
      calls.push({ method: 'signOut', request });
      const index = accounts.findIndex((a) => a.nativeAccountId === request.accountId);
      if (index >= 0) accounts.splice(index, 1);
    },
  };
  return plugin;
}
