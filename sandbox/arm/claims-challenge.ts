// Conditional Access auth contexts on workspaces (seed `requiredAuthContext`): a caller whose token lacks
// the context in `acrs` gets 401 with an Entra claims challenge (identity.md §5, §11):
//   WWW-Authenticate: Bearer authorization_uri="<authority>/oauth2/authorize", error="insufficient_claims",
//                     claims="<base64 of {"access_token":{"acrs":{"essential":true,"value":"c1"}}}>"
// The client redeems the decoded claims (MSAL `claims`), steps up with MFA and retries. The header never
// carries a token, and the body names only the workspace and the context, both of which the caller may read.
import type { VerifiedAccessToken } from '../context';
import { ArmError, quoted } from './arm-error';
import type { IndexedWorkspace } from './resource-index';

/** Error code of the 401 body. Sandbox choice: the docs give only the header; real ARM's text is unverified. */
export const INSUFFICIENT_CLAIMS_CODE = 'InsufficientClaims';

/** The claims request JSON (what the client hands MSAL after base64-decoding the header). */
export function authContextClaims(authContext: string): string {
  return JSON.stringify({ access_token: { acrs: { essential: true, value: authContext } } });
}

/** `Bearer authorization_uri="…", error="insufficient_claims", claims="…"`; authorization_uri only when the authority is known. */
export function claimsChallengeHeader(authority: string | undefined, authContext: string): string {
  const parts = [
    ...(authority ? [`authorization_uri="${authority.replace(/\/+$/, '')}/oauth2/authorize"`] : []),
    'error="insufficient_claims"',
    `claims="${Buffer.from(authContextClaims(authContext), 'utf8').toString('base64')}"`,
  ];
  return `Bearer ${parts.join(', ')}`;
}

/** 401 InsufficientClaims + claims challenge unless the caller's token carries the workspace's auth context. */
export function requireAuthContext(authority: string | undefined, caller: VerifiedAccessToken, ws: IndexedWorkspace): void {
  const required = ws.seed.requiredAuthContext;
  if (required === undefined || caller.acrs.includes(required)) return;
  throw new ArmError(
    401,
    INSUFFICIENT_CLAIMS_CODE,
    `The access token does not satisfy the authentication context '${required}' that workspace '${quoted(ws.seed.name)}' requires. Sign in again with the claims in the WWW-Authenticate header (multi-factor authentication) and retry.`,
    {
      gateway: true,
      headers: { 'www-authenticate': claimsChallengeHeader(authority, required) },
      event: { name: 'arm.claims_challenge', fields: { oid: caller.oid, workspace: ws.id, authContext: required, tokenAcrs: caller.acrs.join(' ') || undefined } },
    },
  );
}
