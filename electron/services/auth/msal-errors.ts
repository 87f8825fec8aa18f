// Turns anything MSAL throws into Airlock's typed errors with plain words. MSAL messages can quote request
// details (correlation ids, sometimes URLs with codes), so they are never passed through; only the error
// code (or the Entra AADSTS number of the server's description) is kept, as a detail support can look up.
// A browser sign-in the user left at the IdP (wrong password, wrong code, locked, cancelled) comes back as
// access_denied; its AADSTS number picks the words.
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AirlockError } from '../../../shared/errors/airlock-error';

const NETWORK_CODES = new Set(['network_error', 'endpoints_resolution_error', 'post_request_failed', 'get_request_failed']);
/** MSAL's own configuration checks: an authority that is not https, not a URL, or not trusted. */
const CONFIG_CODES = new Set(['authority_uri_insecure', 'url_parse_error', 'empty_url_error', 'invalid_authority_type', 'untrusted_authority', 'invalid_cloud_discovery_metadata', 'invalid_authority_metadata']);

/**
 * The Entra error number (`AADSTS50126`) in a server error's description — the only part of the server's
 * text Airlock reads; the words are always Airlock's own.
 */
export function entraErrorCode(description: string | undefined): string | undefined {
  return /\bAADSTS\d{4,7}\b/.exec(description ?? '')?.[0];
}

const CANCELLED_IN_BROWSER = { message: 'Sign-in was cancelled in the browser.', hint: 'Start it again whenever you are ready.', retryable: true };

/**
 * Why a browser sign-in came back without an account, by Entra error number. The sign-in pages send the
 * user back to the app with `error=access_denied` and the number of what last went wrong there.
 */
const SIGN_IN_REFUSED: Readonly<Record<string, { readonly message: string; readonly hint: string; readonly retryable: boolean }>> = {
  AADSTS50126: {
    message: 'The password was not accepted.',
    hint: 'Check your email address and password and sign in again, or reset your password if you have forgotten it.',
    retryable: true,
  },
  AADSTS500121: {
    message: 'The verification code was not accepted.',
    hint: 'Check that the time on the device with your authenticator app is correct, then sign in again with a new code.',
    retryable: true,
  },
  AADSTS50053: {
    message: 'Your account is locked after too many failed sign-in attempts.',
    hint: 'Wait a few minutes and try again, or contact your administrator.',
    retryable: false,
  },
  // Entra's "user declined" (comes with error_subcode=cancel, which MSAL does not pass on).
  AADSTS65004: CANCELLED_IN_BROWSER,
};

/** A code from outside (MSAL, the server, WAM) as a detail: only if it looks like a code, never free text. */
function safeCode(code: string | undefined): string {
  return code && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'unknown';
}

export function toAuthError(thrown: unknown, context: { resource?: string } = {}): AirlockError {
  if (thrown instanceof AirlockError) return thrown;
  if (thrown instanceof InteractionRequiredAuthError) {
    // Entra asks for MFA on a refresh as invalid_grant or interaction_required with suberror basic_action
    // (AADSTS50076/50079), or with claims: either way the user can fix it in a prompt.
    if (thrown.claims || thrown.subError === 'basic_action') {
      // No details: only the step-up registry's errors carry the (answerable) step-up details, and the auth
      // service turns this one into such an error; if it ever escapes as it is, it is shown, not answered.
      return new AirlockError('E_STEP_UP_REQUIRED', {
        message: `${context.resource ? `Access to ${context.resource}` : 'This action'} needs a stronger sign-in (for example multi-factor authentication).`,
      });
    }
    return new AirlockError('E_AUTH_REQUIRED', {
      message: 'Your sign-in has expired or was revoked, so you need to sign in again.',
      details: { reason: safeCode(thrown.errorCode) },
    });
  }
  if (thrown instanceof AuthError) {
    if (CONFIG_CODES.has(thrown.errorCode)) {
      return new AirlockError('E_CONFIG_INVALID', {
        message: 'The sign-in address configured for this environment is not valid (it must be an https address Airlock trusts).',
        hint: 'Ask your administrator to check this environment’s sign-in settings.',
        details: { reason: safeCode(thrown.errorCode) },
      });
    }
    if (NETWORK_CODES.has(thrown.errorCode)) {
      return new AirlockError('E_UNAVAILABLE', {
        message: 'The sign-in service could not be reached.',
        hint: 'Check your network or VPN connection, then try again.',
        details: { reason: safeCode(thrown.errorCode) },
      });
    }
    // ServerError: `errorMessage` is the server's error_description, `subError` its `suberror`.
    const entraCode = entraErrorCode(thrown.errorMessage);
    const refused = entraCode ? SIGN_IN_REFUSED[entraCode] : undefined;
    if (entraCode && refused) return new AirlockError('E_AUTH_REQUIRED', { ...refused, details: { reason: entraCode } });
    // Entra's own "back to the app" has no number: access_denied (error_subcode=cancel) only.
    if (thrown.errorCode === 'access_denied' && (!entraCode || thrown.subError === 'cancel')) {
      return new AirlockError('E_AUTH_REQUIRED', { ...CANCELLED_IN_BROWSER, details: { reason: 'access_denied' } });
    }
    if (thrown.errorCode === 'invalid_grant') {
      return new AirlockError('E_AUTH_REQUIRED', { message: 'Your sign-in has expired or was revoked, so you need to sign in again.', details: { reason: 'invalid_grant' } });
    }
    return new AirlockError('E_AUTH_REQUIRED', {
      message: 'Sign-in did not complete.',
      hint: 'Try signing in again. If it keeps failing, contact your administrator with the code below.',
      details: { reason: entraCode ?? safeCode(thrown.errorCode) },
    });
  }
  return new AirlockError('E_INTERNAL');
}
