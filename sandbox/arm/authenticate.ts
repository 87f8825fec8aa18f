// Turns the Authorization header into a verified caller, or an ARM 401 with the codes and WWW-Authenticate
// header real ARM sends. Accepts tokens for https://management.azure.com and the legacy
// https://management.core.windows.net/ resource, issued for the seed's tenant. It never logs or echoes a token.
import { decodeJwt } from 'jose';
import type { AccessTokenVerifier, TokenRejection, VerifiedAccessToken } from '../context';
import { ArmError, quoted } from './arm-error';

export const ARM_AUDIENCE = 'https://management.azure.com';
const LEGACY_AUDIENCE = 'https://management.core.windows.net';
const ALLOWED_AUDIENCES = [`${LEGACY_AUDIENCE}/`, LEGACY_AUDIENCE, `${ARM_AUDIENCE}/`, ARM_AUDIENCE];

export interface AuthenticateOptions {
  readonly verifier: AccessTokenVerifier;
  readonly tenantId: string;
  /** The IdP authority ARM names in WWW-Authenticate (`authorization_uri`); omitted when unknown. */
  readonly authority: string | undefined;
  readonly now: () => Date;
}

function challenge(options: AuthenticateOptions, description: string): string {
  const parts = [
    ...(options.authority ? [`authorization_uri="${options.authority}"`] : []),
    'error="invalid_token"',
    `error_description="${description.replace(/["\\]/g, "'")}"`,
  ];
  return `Bearer ${parts.join(', ')}`;
}

function unauthorized(options: AuthenticateOptions, code: string, message: string, description = message): ArmError {
  return new ArmError(401, code, message, { gateway: true, headers: { 'www-authenticate': challenge(options, description) } });
}

function expiryOf(token: string): string {
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === 'number' ? new Date(exp * 1000).toISOString() : 'unknown';
  } catch {
    return 'unknown';
  }
}

function rejectionError(options: AuthenticateOptions, rejection: TokenRejection, token: string): ArmError {
  switch (rejection.reason) {
    case 'missing':
      return unauthorized(options, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", "The authentication failed because of missing 'Authorization' header.");
    case 'expired':
      return unauthorized(
        options,
        'ExpiredAuthenticationToken',
        `The access token expiry UTC time '${expiryOf(token)}' is earlier than current UTC time '${options.now().toISOString()}'.`,
        'The access token is expired.',
      );
    case 'wrong-audience':
      return unauthorized(
        options,
        'InvalidAuthenticationTokenAudience',
        `The access token has been obtained for wrong audience or resource '${quoted(rejection.audience)}'. It should exactly match with one of the allowed audiences ${ALLOWED_AUDIENCES.map((a) => `'${a}'`).join(',')}.`,
        'The access token has been obtained for wrong audience or resource.',
      );
    case 'wrong-issuer':
      return unauthorized(
        options,
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer. It must match the tenant '${options.tenantId}' associated with this subscription.`,
        'The access token is from the wrong issuer.',
      );
    case 'not-yet-valid':
      return unauthorized(options, 'InvalidAuthenticationToken', 'The access token is not yet valid.', 'The access token is not yet valid.');
    case 'bad-signature':
      return unauthorized(options, 'InvalidAuthenticationToken', 'The access token is invalid.', 'The access token signature is invalid.');
    case 'malformed':
      return unauthorized(options, 'InvalidAuthenticationToken', 'The access token is invalid.', 'The access token could not be parsed.');
  }
}

export async function authenticate(options: AuthenticateOptions, authorization: string | undefined): Promise<VerifiedAccessToken> {
  if (authorization === undefined || authorization.trim() === '') throw rejectionError(options, { reason: 'missing' }, '');
  const match = /^Bearer[ ]+([A-Za-z0-9\-_.~+/]+=*)[ ]*$/i.exec(authorization);
  if (!match?.[1]) {
    throw unauthorized(options, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is provided in an invalid format.", "The 'Authorization' header is invalid.");
  }
  const token = match[1];
  let result = await options.verifier.verify(token, ARM_AUDIENCE);
  if (!result.ok && result.rejection.reason === 'wrong-audience') {
    const legacy = await options.verifier.verify(token, LEGACY_AUDIENCE);
    if (legacy.ok) result = legacy;
  }
  if (!result.ok) throw rejectionError(options, result.rejection, token);
  if (result.token.tid.toLowerCase() !== options.tenantId.toLowerCase()) {
    throw unauthorized(
      options,
      'InvalidAuthenticationTokenTenant',
      `The access token is from the wrong issuer '${quoted(result.token.tid)}'. It must match the tenant '${options.tenantId}' associated with this subscription.`,
      'The access token is from the wrong tenant.',
    );
  }
  return result.token;
}
