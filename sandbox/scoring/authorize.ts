// Checks the bearer of a scoring request the way the endpoint's auth mode wants it (keys and AML tokens
// also come as `Bearer`): AMLToken → an unexpired token from POST .../token for this endpoint; Key → a
// current primary or secondary key; AADToken → an Entra access token for https://ml.azure.com plus the
// score/action permission (403 without it). It must never log or echo the credential itself.
import type { AccessTokenVerifier, SandboxContext } from '../context';
import type { EndpointCredentials } from '../endpoint-credentials/endpoint-credentials';
import type { ScoringEndpoint } from './catalog';
import { claimsChallengeHeader, INSUFFICIENT_CLAIMS_CODE } from '../arm/claims-challenge';
import { canScore, SCORE_ACTION } from './rbac';

export const ML_AUDIENCE = 'https://ml.azure.com';

export type AuthResult =
  | { readonly ok: true; readonly principal: string }
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      readonly code: string;
      readonly message: string;
      readonly reason: string;
      /** A 401's WWW-Authenticate when it is more than `Bearer`: an Entra claims challenge. */
      readonly challenge?: string;
    };

export interface AuthDeps {
  readonly ctx: SandboxContext;
  readonly credentials: EndpointCredentials;
  readonly verifier: AccessTokenVerifier;
  /** The stand-in Entra authority, named in a claims challenge's authorization_uri. */
  readonly authority?: string;
}

const unauthorized = (reason: string, message: string): AuthResult => ({ ok: false, status: 401, code: 'Unauthorized', message, reason });

export function bearerOf(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ \t]+([A-Za-z0-9\-._~+/=]+)[ \t]*$/i.exec(header);
  return match ? match[1]! : null;
}

export async function authorize(endpoint: ScoringEndpoint, authorization: string | undefined, deps: AuthDeps): Promise<AuthResult> {
  if (!authorization) return unauthorized('missing', 'No credential: send "Authorization: Bearer <key or token>".');
  const bearer = bearerOf(authorization);
  if (!bearer) return unauthorized('malformed', 'The Authorization header must be "Bearer <key or token>".');

  switch (endpoint.authMode) {
    case 'Key':
      return deps.credentials.checkKey(endpoint.endpointId, bearer)
        ? { ok: true, principal: 'key' }
        : unauthorized('invalid-key', 'The key is not valid for this endpoint.');
    case 'AMLToken': {
      const verdict = await deps.credentials.checkAmlToken(endpoint.endpointId, bearer);
      if (verdict === 'ok') return { ok: true, principal: 'aml-token' };
      return verdict === 'expired'
        ? unauthorized('expired-token', 'The AML token has expired; get a new one with POST .../token.')
        : unauthorized('invalid-token', 'The AML token is not valid for this endpoint.');
    }
    case 'AADToken': {
      const result = await deps.verifier.verify(bearer, ML_AUDIENCE);
      if (!result.ok) {
        const { rejection } = result;
        const detail = rejection.reason === 'wrong-audience' ? `the token's audience is not ${ML_AUDIENCE}` : `the token is ${rejection.reason}`;
        return unauthorized(`aad-${rejection.reason}`, `Microsoft Entra token rejected: ${detail}.`);
      }
      if (!canScore(deps.ctx.seed, result.token.oid, endpoint.endpointId)) {
        return {
          ok: false,
          status: 403,
          code: 'AuthorizationFailed',
          message: `The client with object id '${result.token.oid}' does not have authorization to perform action '${SCORE_ACTION}' over scope '${endpoint.endpointId}'.`,
          reason: 'rbac-denied',
        };
      }
      // Conditional Access on the workspace: a token without its auth context is challenged for it (the client
      // steps up with MFA and retries), as ARM does for the workspace itself.
      const required = endpoint.requiredAuthContext;
      if (required !== undefined && !result.token.acrs.includes(required)) {
        return {
          ok: false,
          status: 401,
          code: INSUFFICIENT_CLAIMS_CODE,
          message: `The access token does not satisfy the authentication context '${required}' this endpoint's workspace requires. Sign in again with the claims in the WWW-Authenticate header and retry.`,
          reason: 'insufficient-claims',
          challenge: claimsChallengeHeader(deps.authority, required),
        };
      }
      return { ok: true, principal: result.token.oid };
    }
  }
}
