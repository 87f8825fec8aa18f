// A sign-in in the system browser, the way msal-node's acquireTokenInteractive does it (authorization code,
// PKCE S256, response_mode=form_post to a loopback listener), but with Airlock's own listener so the attempt
// can be abandoned: once its signal aborts, the listener closes, the code is never redeemed, and nothing is
// added to any cache. msal-node 7 has no option to bring one's own listener; getAuthCodeUrl and
// acquireTokenByCode are the two halves it runs around its own. The URL comes from the environment's own
// instance (it knows the authority's endpoints already; nothing is written to its cache), the code is redeemed
// in the attempt's instance (sign-in-attempt.ts), whose tokens join the environment's only if still wanted.
// Never logs or returns the code, the verifier or the state.
import { CryptoProvider, ServerError, type AuthenticationResult, type InteractiveRequest, type PublicClientApplication } from '@azure/msal-node';
import { signInCancelled } from './interactive-gate';
import { listenForAuthCode } from './loopback-listener';

const SUCCESS_PAGE = '<p>You are signed in to Airlock. You can close this tab.</p>';
const ERROR_PAGE = '<p>Sign-in to Airlock did not complete. Return to Airlock to try again.</p>';

function throwIfAbandoned(signal: AbortSignal): void {
  if (signal.aborted) throw signInCancelled();
}

export interface BrowserSignInApps {
  /** Builds the authorize URL. */
  readonly authorize: PublicClientApplication;
  /** Redeems the code (its cache receives the tokens). */
  readonly redeem: PublicClientApplication;
}

export async function signInWithBrowser(apps: BrowserSignInApps, request: InteractiveRequest, signal: AbortSignal): Promise<AuthenticationResult> {
  const { openBrowser, successTemplate, errorTemplate, windowHandle: _broker, preferredPort: _port, ...rest } = request;
  const crypto = new CryptoProvider();
  const { verifier, challenge } = await crypto.generatePkceCodes();
  const state = crypto.createNewGuid();
  const nonce = crypto.createNewGuid();
  const correlationId = rest.correlationId ?? crypto.createNewGuid();
  const scopes = rest.scopes ?? [];
  const listener = await listenForAuthCode({ state, signal, successPage: successTemplate ?? SUCCESS_PAGE, errorPage: errorTemplate ?? ERROR_PAGE });
  try {
    const urlRequest = { ...rest, scopes, correlationId, redirectUri: listener.redirectUri, responseMode: 'form_post' as const, codeChallenge: challenge, codeChallengeMethod: 'S256', state, nonce };
    const url = await apps.authorize.getAuthCodeUrl(urlRequest);
    throwIfAbandoned(signal);
    await openBrowser(url);
    const answer = await listener.response;
    if (answer.error) throw new ServerError(answer.error, correlationId, answer.error_description, answer.suberror);
    if (!answer.code) throw new ServerError('no_auth_code_in_response', correlationId);
    throwIfAbandoned(signal);
    return await apps.redeem.acquireTokenByCode(
      { ...urlRequest, code: answer.code, codeVerifier: verifier, clientInfo: answer.client_info ?? '' },
      { code: answer.code, ...(answer.state ? { state: answer.state } : {}) },
    );
  } finally {
    listener.close();
  }
}
