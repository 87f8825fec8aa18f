// The SDK's TokenCredential, backed by Airlock's auth service: ARM tokens of one signed-in account, from MSAL's
// cache in the vault (never a credential of the SDK's own). Claims (a CAE or Conditional Access challenge) and
// a forced refresh (a token ARM rejected on time grounds) pass through to the auth service, which keeps its
// MFA rules. The token is handed to the auth policy only; it is never logged or put in an error.
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { AuthService } from '../auth';

export interface ArmTokenOptions extends GetTokenOptions {
  /** Airlock's own: renew from the refresh token even though MSAL still trusts the cached one. */
  readonly forceRefresh?: boolean;
}

export interface ArmCredential extends TokenCredential {
  getToken(scopes: string | string[], options?: ArmTokenOptions): Promise<AccessToken>;
}

export function armCredential(auth: AuthService, accountId: string): ArmCredential {
  return {
    // The scope is always ARM's: the auth service knows the environment's ARM scope, the SDK's guess is ignored.
    async getToken(_scopes, options = {}) {
      const { token, expiresOn } = await auth.accessToken(accountId, 'arm', {
        ...(options.claims ? { claims: options.claims } : {}),
        ...(options.forceRefresh ? { forceRefresh: true } : {}),
      });
      return { token, expiresOnTimestamp: expiresOn?.getTime() ?? Date.now() + 5 * 60_000 };
    },
  };
}
