// Turns anything MSAL throws into Airlock's typed errors with plain words. MSAL messages can quote request
// details (correlation ids, sometimes URLs with codes), so they are never passed through; only the error
// code is kept, as a detail support can look up.
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AirlockError } from '../../../shared/errors/airlock-error';

const NETWORK_CODES = new Set(['network_error', 'endpoints_resolution_error', 'post_request_failed', 'get_request_failed']);
/** MSAL's own configuration checks: an authority that is not https, not a URL, or not trusted. */
const CONFIG_CODES = new Set(['authority_uri_insecure', 'url_parse_error', 'empty_url_error', 'invalid_authority_type', 'untrusted_authority', 'invalid_cloud_discovery_metadata', 'invalid_authority_metadata']);

export function toAuthError(thrown: unknown, context: { resource?: string } = {}): AirlockError {
  if (thrown instanceof AirlockError) return thrown;
  if (thrown instanceof InteractionRequiredAuthError) {
    if (thrown.claims || thrown.errorCode === 'interaction_required' && thrown.subError === 'basic_action') {
      return new AirlockError('E_STEP_UP_REQUIRED', {
        message: `${context.resource ? `Access to ${context.resource}` : 'This action'} needs a stronger sign-in (for example multi-factor authentication).`,
        details: { reason: thrown.errorCode.slice(0, 64) },
      });
    }
    return new AirlockError('E_AUTH_REQUIRED', {
      message: 'Your sign-in has expired or was revoked, so you need to sign in again.',
      details: { reason: thrown.errorCode.slice(0, 64) },
    });
  }
  if (thrown instanceof AuthError) {
    if (CONFIG_CODES.has(thrown.errorCode)) {
      return new AirlockError('E_CONFIG_INVALID', {
        message: 'The sign-in address configured for this environment is not valid (it must be an https address Airlock trusts).',
        hint: 'Check the environment settings, or ask your administrator.',
        details: { reason: thrown.errorCode.slice(0, 64) },
      });
    }
    if (NETWORK_CODES.has(thrown.errorCode)) {
      return new AirlockError('E_UNAVAILABLE', {
        message: 'The sign-in service could not be reached.',
        hint: 'Check your network or VPN connection, then try again.',
        details: { reason: thrown.errorCode.slice(0, 64) },
      });
    }
    if (thrown.errorCode === 'invalid_grant') {
      return new AirlockError('E_AUTH_REQUIRED', { message: 'Your sign-in has expired or was revoked, so you need to sign in again.', details: { reason: 'invalid_grant' } });
    }
    return new AirlockError('E_AUTH_REQUIRED', {
      message: 'Sign-in did not complete.',
      hint: 'Try signing in again. If it keeps failing, contact your administrator with the code below.',
      details: { reason: thrown.errorCode.slice(0, 64) },
    });
  }
  return new AirlockError('E_INTERNAL');
}
