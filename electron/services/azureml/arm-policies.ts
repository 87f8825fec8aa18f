// The SDK pipeline's Airlock policies, in the order a request meets them:
//   bounded retry (Retry phase) → host pin → sign-in (Sign phase, last before the HTTP client).
// The host pin runs before the sign-in policy, so a request (a nextLink, a redirect) to anything but the
// environment's ARM host is refused before a token is even asked for. The sign-in policy keeps the ARM
// reader's rules: a 401 on time grounds gets one renewed token and one retry (then "check the clock"); a
// claims challenge (CAE, Conditional Access) gets one silent refresh with the claims, and only what still
// needs the user becomes E_STEP_UP_REQUIRED for this account.
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { AuthService } from '../auth';
import { claimsFromChallenge } from '../auth';
import type { Logger } from '../ports';
import type { ArmCredential } from './arm-credential';
import { offHost, timedOut } from './arm-errors';
import { isArmUrl } from './arm-url';

export const HOST_PIN_POLICY = 'airlockArmHostPin';
export const SIGN_IN_POLICY = 'airlockArmSignIn';
export const RETRY_POLICY = 'airlockArmRetry';

export function hostPinPolicy(base: URL): PipelinePolicy {
  return {
    name: HOST_PIN_POLICY,
    sendRequest(request, next) {
      if (!isArmUrl(request.url, base)) return Promise.reject(offHost(hostOf(request.url)));
      return next(request);
    },
  };
}

export function signInPolicy(deps: { credential: ArmCredential; auth: AuthService; accountId: string; logger: Logger; scope: string }): PipelinePolicy {
  const send = async (request: PipelineRequest, next: (r: PipelineRequest) => Promise<PipelineResponse>, options: { claims?: string; forceRefresh?: boolean } = {}) => {
    const { token } = await deps.credential.getToken(deps.scope, options);
    request.headers.set('authorization', `Bearer ${token}`);
    return next(request);
  };
  return {
    name: SIGN_IN_POLICY,
    async sendRequest(request, next) {
      let response = await send(request, next);
      const challenge = () => (response.status === 401 ? (response.headers.get('www-authenticate') ?? undefined) : undefined);
      if (response.status === 401 && !claimsFromChallenge(challenge())) {
        // A token ARM calls expired or not yet valid while MSAL still trusted it: this computer's clock and
        // Azure's disagree (or the token was revoked). One fresh token from the refresh token, then one retry.
        deps.logger.log('info', 'workspace.token_rejected', { reason: tokenProblemOf(challenge()) ?? 'invalid_token' });
        response = await send(request, next, { forceRefresh: true });
        const problem = tokenProblemOf(challenge());
        if (problem) {
          throw new AirlockError('E_AUTH_REQUIRED', {
            message: `Azure Resource Manager rejected your sign-in as ${problem === 'expired' ? 'expired' : 'not yet valid'}, even after Airlock renewed it. Clocks disagree somewhere.`,
            hint: "Check that this computer's date, time and time zone are set automatically, then sign in again. If it keeps happening, tell your administrator.",
            details: { status: 401, reason: problem },
          });
        }
      }
      const claims = claimsFromChallenge(challenge());
      if (claims) {
        // Many challenges (a revoked session, a new IP) are met by a silent refresh with the claims; only
        // what needs the user (MFA, an auth context) throws the step-up from here.
        response = await send(request, next, { claims });
        const again = claimsFromChallenge(challenge());
        if (again) throw await deps.auth.stepUpRequired(deps.accountId, 'arm', again);
      }
      return response;
    },
  };
}

const RETRIED = new Set([500, 502, 503, 504]);

/**
 * Retries a 500/502/503/504 at most `maxRetries` times with a short, capped backoff; the last answer goes on to
 * the error mapping. Replaces the SDK's default retry, which also waits for any Retry-After a server names.
 */
export function boundedRetryPolicy(options: { maxRetries: number; delayMs: number }): PipelinePolicy {
  return {
    name: RETRY_POLICY,
    async sendRequest(request, next) {
      for (let attempt = 0; ; attempt += 1) {
        const response = await next(request);
        if (!RETRIED.has(response.status) || attempt >= options.maxRetries) return response;
        await pause(Math.min(options.delayMs * 2 ** attempt, 2_000), request.abortSignal);
      }
    },
  };
}

function pause(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(timedOut());
    const timer = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(timedOut()));
    signal?.addEventListener('abort', onAbort);
  });
}

type AbortSignalLike = NonNullable<PipelineRequest['abortSignal']>;

/** Whether a 401's challenge says the token's time was the problem (`exp` passed, or `nbf`/`iat` ahead). */
function tokenProblemOf(wwwAuthenticate: string | undefined): 'expired' | 'not-yet-valid' | null {
  if (!wwwAuthenticate || !/invalid_token/i.test(wwwAuthenticate)) return null;
  if (/expired/i.test(wwwAuthenticate)) return 'expired';
  if (/not yet valid|not valid yet|nbf|future/i.test(wwwAuthenticate)) return 'not-yet-valid';
  return null;
}

function hostOf(href: string): string {
  try {
    return new URL(href).host;
  } catch {
    return '';
  }
}
