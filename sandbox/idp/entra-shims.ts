// The Entra behaviours msal-node v7 relies on that oidc-provider lacks (identity.md §7-§8). Request side,
// on the raw node:http request before oidc-provider sees it:
//   1  authorize with offline_access: drop `select_account`, add `consent` to `prompt` (refresh tokens);
//   2  token: `grant_type=device_code` → the RFC 8628 URN;
//   6  authorize/devicecode: an Entra resource scope (`<api>/.default`) → RFC 8707 `resource` values for
//      every admin-consented API, and the grant covers each API's `.default` (multi-resource refresh tokens);
//   -  token: the leak-test marker is taken off refresh tokens again; the `claims` of a refresh is noted
//      for the step-up check (shim 5, in provider-config's rotateRefreshToken).
// Response side, a koa middleware after oidc-provider answered:
//   3  devicecode: `interval` and an Entra-style `message`;
//   4  token: `client_info` = base64url({uid: oid, utid: tid});
//   5  token: `suberror: basic_action` on interaction_required;
//   7  authorize resume of an interaction the user cancelled: `error_subcode=cancel` next to
//      `error=access_denied` (oidc-provider only sends error, error_description, state and iss);
//   -  token: the marker is put in front of refresh tokens.
// Must never log or keep request bodies, tokens or codes.
import type { IncomingMessage } from 'node:http';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { readBody } from './http-util';
import { replayedRequest } from './replayed-request';
import { escapeHtml } from './pages';
import { expandedScope } from './resources';

export const ROUTES = {
  authorization: '/oauth2/v2.0/authorize',
  token: '/oauth2/v2.0/token',
  device_authorization: '/oauth2/v2.0/devicecode',
  code_verification: '/oauth2/deviceauth',
  end_session: '/oauth2/v2.0/logout',
  jwks: '/discovery/v2.0/keys',
  userinfo: '/oidc/userinfo',
  revocation: '/oauth2/v2.0/revoke',
  introspection: '/oauth2/v2.0/introspect',
  pushed_authorization_request: '/oauth2/v2.0/par',
} as const;

export const DEVICE_CODE_URN = 'urn:ietf:params:oauth:grant-type:device_code';

const refreshClaims = new WeakMap<IncomingMessage, string>();

/** The `claims` parameter of a refresh-token request (for the step-up check), if any. */
export function claimsOfRefresh(req: IncomingMessage): string | undefined {
  return refreshClaims.get(req);
}

function withExpandedResources(params: URLSearchParams): void {
  if (params.has('resource')) return;
  const expanded = expandedScope(params.get('scope') ?? '');
  if (!expanded) return;
  params.set('scope', expanded.scope);
  for (const resource of expanded.resources) params.append('resource', resource);
}

function withConsentForOfflineAccess(params: URLSearchParams): void {
  const scopes = (params.get('scope') ?? '').split(' ');
  if (!scopes.includes('offline_access')) return;
  const prompts = (params.get('prompt') ?? '').split(' ').filter((p) => p && p !== 'select_account');
  if (prompts.includes('none')) return;
  if (!prompts.includes('consent')) prompts.push('consent');
  params.set('prompt', prompts.join(' '));
}

export function unwrapMarked(value: string, marker: string | undefined): string {
  return marker && value.startsWith(`${marker}.`) ? value.slice(marker.length + 1) : value;
}

export function markToken(value: string, marker: string | undefined): string {
  return marker ? `${marker}.${value}` : value;
}

/**
 * Applies the request-side shims; `path` is the URL path inside the tenant mount. Returns the request to hand
 * oidc-provider: `req` itself, or, when the shims read and rewrote its form, a fresh one carrying the new body.
 */
export async function applyRequestShims(req: IncomingMessage, path: string, search: string, marker: string | undefined): Promise<IncomingMessage> {
  if (path === ROUTES.authorization && req.method === 'GET') {
    const params = new URLSearchParams(search);
    withExpandedResources(params);
    withConsentForOfflineAccess(params);
    req.url = `${path}?${params.toString()}`;
    return req;
  }
  if (req.method !== 'POST' || (path !== ROUTES.token && path !== ROUTES.device_authorization)) return req;
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return req;
  const params = new URLSearchParams(await readBody(req));
  let stepUpClaims: string | null = null;
  if (path === ROUTES.device_authorization) {
    withExpandedResources(params);
  } else {
    if (params.get('grant_type') === 'device_code') params.set('grant_type', DEVICE_CODE_URN);
    const refreshToken = params.get('refresh_token');
    if (refreshToken !== null) params.set('refresh_token', unwrapMarked(refreshToken, marker));
    const claims = params.get('claims');
    if (params.get('grant_type') === 'refresh_token' && claims) stepUpClaims = claims;
  }
  const replay = replayedRequest(req, params.toString());
  // The step-up check looks the claims up by the request oidc-provider is given.
  if (stepUpClaims !== null) refreshClaims.set(replay, stepUpClaims);
  return replay;
}

/** Adds `error_subcode` to an authorization error response (form_post page or redirect) built by oidc-provider. */
function withErrorSubcode(ctx: KoaContextWithOIDC, subcode: string): void {
  const body: unknown = ctx.body;
  const hidden = `<input type="hidden" name="error_subcode" value="${escapeHtml(subcode)}"/>`;
  if (typeof body === 'string' && /<input type="hidden" name="error" value="access_denied"\/>/.test(body)) {
    ctx.body = body.replace('<noscript>', `${hidden}\n    <noscript>`);
    return;
  }
  const location = ctx.response.get('location');
  if (!location) return;
  const url = new URL(location);
  const inFragment = url.hash.length > 1;
  const params = new URLSearchParams(inFragment ? url.hash.slice(1) : url.search);
  if (params.get('error') !== 'access_denied') return;
  params.set('error_subcode', subcode);
  if (inFragment) url.hash = params.toString();
  else url.search = params.toString();
  ctx.set('location', url.href);
}

type JsonBody = Record<string, unknown>;
const isJsonBody = (body: unknown): body is JsonBody => typeof body === 'object' && body !== null && !Buffer.isBuffer(body) && !Array.isArray(body);

export interface ResponseShimOptions {
  readonly tenantId: string;
  readonly marker: string | undefined;
  readonly deviceCodeIntervalSeconds: number;
}

/** Koa middleware for `provider.use`, applying the response-side shims. */
export function responseShims(options: ResponseShimOptions) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>): Promise<void> => {
    await next();
    const route = (ctx.oidc as KoaContextWithOIDC['oidc'] | undefined)?.route;
    if (route === 'resume') {
      const subcode = ctx.oidc.entities.Interaction?.result?.['error_subcode'];
      if (typeof subcode === 'string') withErrorSubcode(ctx, subcode);
      return;
    }
    const body: unknown = ctx.body;
    if (!isJsonBody(body)) return;
    if (route === 'device_authorization' && typeof body['user_code'] === 'string') {
      body['interval'] ??= options.deviceCodeIntervalSeconds;
      const uri = typeof body['verification_uri'] === 'string' ? body['verification_uri'] : '';
      body['message'] ??= `To sign in, use a web browser to open the page ${uri} and enter the code ${body['user_code']} to authenticate.`;
    }
    if (route !== 'token') return;
    if (body['error'] === 'interaction_required') body['suberror'] ??= 'basic_action';
    const accountId = ctx.oidc.account?.accountId;
    if (typeof body['id_token'] === 'string' && accountId) {
      body['client_info'] = Buffer.from(JSON.stringify({ uid: accountId, utid: options.tenantId })).toString('base64url');
    }
    if (typeof body['refresh_token'] === 'string') body['refresh_token'] = markToken(body['refresh_token'], options.marker);
  };
}
