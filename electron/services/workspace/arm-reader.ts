// Reads from Azure Resource Manager as one signed-in account: bearer token from the auth service, verified
// TLS (the environment's extra CA only for it), nextLink paging kept on the ARM host, and every failure as
// a typed error in plain words. A 401 carrying a claims challenge becomes a step-up for this account.
import { AirlockError } from '../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../shared/errors/details';
import type { AuthService } from '../auth';
import { claimsFromChallenge } from '../auth';
import type { Environment } from '../environments';
import type { HttpsResponse, HttpsSend, Logger } from '../ports';

/** Pages past this are not fetched: a list this long is a misbehaving server, not a real subscription. */
const MAX_PAGES = 50;

export interface ArmReader {
  /** Every item of a paged ARM list (`value` + `nextLink`). */
  list(path: string, apiVersion: string): Promise<unknown[]>;
  /** One resource (for example a model version). */
  read(path: string, apiVersion: string): Promise<unknown>;
}

export function createArmReader(deps: { auth: AuthService; accountId: string; environment: Environment; send: HttpsSend; logger: Logger }): ArmReader {
  const base = new URL(deps.environment.armEndpoint);

  async function send(url: URL, token: string): Promise<HttpsResponse> {
    try {
      return await deps.send({ method: 'GET', url: url.href, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    } catch (thrown) {
      throw transportError(thrown);
    }
  }

  async function get(url: URL): Promise<unknown> {
    // Tokens go only to the environment's ARM host: a nextLink elsewhere is refused, not followed.
    if (url.origin !== base.origin) {
      throw new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager sent a link to another host, so Airlock stopped.', details: withDetail('host', hostDetail(url.host)) });
    }
    let response = await send(url, (await deps.auth.accessToken(deps.accountId, 'arm')).token);
    if (response.status === 401 && !claimsFromChallenge(response.headers['www-authenticate'])) {
      // A token the resource calls expired or not yet valid while MSAL still trusted it: this computer's clock
      // and Azure's disagree (or the token was revoked). One fresh token from the refresh token, then one retry.
      deps.logger.log('info', 'workspace.token_rejected', { reason: tokenProblemOf(response.headers['www-authenticate']) ?? 'invalid_token' });
      response = await send(url, (await deps.auth.accessToken(deps.accountId, 'arm', { forceRefresh: true })).token);
      const problem = response.status === 401 ? tokenProblemOf(response.headers['www-authenticate']) : null;
      if (problem) {
        throw new AirlockError('E_AUTH_REQUIRED', {
          message: `Azure Resource Manager rejected your sign-in as ${problem === 'expired' ? 'expired' : 'not yet valid'}, even after Airlock renewed it. Clocks disagree somewhere.`,
          hint: "Check that this computer's date, time and time zone are set automatically, then sign in again. If it keeps happening, tell your administrator.",
          details: { status: 401, reason: problem },
        });
      }
    }
    if (response.status === 200) return parseBody(response);
    const claims = response.status === 401 ? claimsFromChallenge(response.headers['www-authenticate']) : null;
    if (claims) {
      // Many challenges (continuous access evaluation: a revoked session, a new IP) are met by a silent refresh
      // with the claims; only what needs the user (MFA, an auth context) throws the step-up from here.
      response = await send(url, (await deps.auth.accessToken(deps.accountId, 'arm', { claims })).token);
      const again = response.status === 401 ? claimsFromChallenge(response.headers['www-authenticate']) : null;
      if (again) throw await deps.auth.stepUpRequired(deps.accountId, 'arm', again);
      if (response.status === 200) return parseBody(response);
    }
    throw armError(response.status, response.text, response.headers['retry-after']);
  }

  const urlOf = (path: string, apiVersion: string) => new URL(`${path}?api-version=${encodeURIComponent(apiVersion)}`, base);

  return {
    read: (path, apiVersion) => get(urlOf(path, apiVersion)),
    async list(path, apiVersion) {
      const items: unknown[] = [];
      let next: URL | null = urlOf(path, apiVersion);
      for (let page = 0; next && page < MAX_PAGES; page += 1) {
        const body = (await get(next)) as { value?: unknown; nextLink?: unknown };
        if (Array.isArray(body.value)) items.push(...(body.value as unknown[]));
        next = typeof body.nextLink === 'string' && body.nextLink ? nextLinkOf(body.nextLink, base) : null;
      }
      return items;
    },
  };
}

function nextLinkOf(link: string, base: URL): URL {
  try {
    return new URL(link, base);
  } catch {
    throw new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager sent a next-page link Airlock could not read.' });
  }
}

function parseBody(response: HttpsResponse): unknown {
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager sent an answer Airlock could not read.' });
  }
}

/** Whether a 401's challenge says the token's time was the problem (`exp` passed, or `nbf`/`iat` ahead). */
function tokenProblemOf(wwwAuthenticate: string | undefined): 'expired' | 'not-yet-valid' | null {
  if (!wwwAuthenticate || !/invalid_token/i.test(wwwAuthenticate)) return null;
  if (/expired/i.test(wwwAuthenticate)) return 'expired';
  if (/not yet valid|not valid yet|nbf|future/i.test(wwwAuthenticate)) return 'not-yet-valid';
  return null;
}

function armError(status: number, text: string, retryAfter: string | undefined): AirlockError {
  let code: string | undefined;
  try {
    // ARM's own code only when it is shaped like one (never its message, words or anything token-like).
    code = codeDetail((JSON.parse(text) as { error?: { code?: unknown } }).error?.code);
  } catch {
    // no ARM error body
  }
  const details = { status, ...withDetail('armCode', code) };
  if (status === 401) return new AirlockError('E_AUTH_REQUIRED', { message: 'Azure Resource Manager did not accept your sign-in.', hint: 'Sign in again.', details });
  if (status === 403) {
    // Azure's role check (RBAC), not Airlock's admin policy: its own code and words (see E_AZURE_FORBIDDEN).
    return new AirlockError('E_AZURE_FORBIDDEN', { details });
  }
  if (status === 404) return new AirlockError('E_NOT_FOUND', { details });
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new AirlockError('E_RATE_LIMITED', { details: { ...details, ...(Number.isFinite(seconds) ? { retryAfterSeconds: seconds } : {}) } });
  }
  return new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager did not answer as expected.', details });
}

function transportError(thrown: unknown): AirlockError {
  const code = codeDetail((thrown as { code?: unknown }).code);
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new AirlockError('E_TLS', { message: "Azure Resource Manager's certificate could not be verified, so Airlock did not send your sign-in.", details: { reason: code } });
  }
  return new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager could not be reached.', details: withDetail('reason', code) });
}

/** `{ [key]: value }`, or nothing when the value was filtered out. */
function withDetail<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
