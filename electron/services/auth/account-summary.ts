// What the UI may know about a signed-in account: ids and names, the tenant, and MFA facts from the id token
// shown as information only (never used to gate anything; the server's answers decide). Never a token.
import type { AccountInfo } from '@azure/msal-node';

export interface AccountSummary {
  /** MSAL's home account id (`<oid>.<tid>`): an opaque id, safe to show and to send back. */
  readonly accountId: string;
  readonly environmentId: string;
  readonly username: string;
  readonly name: string;
  readonly tenantId: string;
  /** Sign-in methods from the id token's `amr` (e.g. pwd, mfa), when the IdP sends them. */
  readonly authMethods: string[];
  readonly signedInAt: string | null;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 16) : []);

export function summarizeAccount(account: AccountInfo, environmentId: string): AccountSummary {
  const claims = (account.idTokenClaims ?? {}) as Record<string, unknown>;
  const authTime = typeof claims['auth_time'] === 'number' ? new Date(claims['auth_time'] * 1000).toISOString() : null;
  return {
    accountId: account.homeAccountId,
    environmentId,
    username: account.username,
    name: account.name ?? account.username,
    tenantId: account.tenantId,
    authMethods: strings(claims['amr']),
    signedInAt: authTime,
  };
}
