// The oidc-provider configuration of the sandbox IdP (identity.md §8): the seed's public native client,
// PKCE, refresh tokens with rotation, device flow, claims parameter, two resource servers (ARM and Azure
// ML) with JWT access tokens carrying Entra's claims, the MFA/step-up policy and the self-made pages.
// Must never disable PKCE, accept a confidential client without credentials, or put secrets in tokens.
import type { Account, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { errors, interactionPolicy } from './oidc-provider';
import type { JWK } from 'jose';
import type { SandboxContext } from '../context';
import type { SeedUser } from '../seed/seed-schema';
import { claimsOfRefresh, DEVICE_CODE_URN, ROUTES } from './entra-shims';
import { deviceCodeConfirmPage, deviceCodeInputPage, layout, messagePage, escapeHtml } from './pages';
import { apiForResource, apiForScopeString, DELEGATED_PERMISSION, expandedScope } from './resources';
import { createTokenStore } from './token-store';
import { ACR_MFA, ACR_PASSWORD, missingAuthContext, requestAsksForMfa, satisfiedAuthContexts } from './step-up';

/** Claim name carrying `tokenMarker` in access and id tokens. */
export const MARKER_CLAIM = 'xms_sandbox_marker';

export const TOKEN_TTL_SECONDS = { AccessToken: 3600, IdToken: 3600, RefreshToken: 86_400, DeviceCode: 600, Interaction: 600, Session: 86_400, Grant: 86_400 };

export interface ProviderConfigOptions {
  readonly ctx: SandboxContext;
  /** Path of the tenant mount, `/<tenantId>`; interaction URLs live under it. */
  readonly mountPath: string;
  readonly signingJwk: JWK;
  readonly cookieKeys: string[];
  readonly tokenMarker: string | undefined;
}

type SourceToken = { amr?: string[] | undefined; acr?: string | undefined };

function userByOid(ctx: SandboxContext, oid: string): SeedUser | undefined {
  return ctx.seed.users.find((u) => u.oid === oid);
}

/** The sign-in behind the token being issued (authorization code, device code or refresh token). */
function sourceOf(ctx: KoaContextWithOIDC): SourceToken | undefined {
  const { entities } = ctx.oidc;
  return entities.RefreshToken ?? entities.AuthorizationCode ?? entities.DeviceCode;
}

function loginPolicy(ctx: SandboxContext): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');
  login.checks.add(
    new interactionPolicy.Check('mfa_required', 'multi-factor authentication is required', (kctx) => {
      const { session, params } = kctx.oidc;
      if (!session?.accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      if (session.amr?.includes('mfa')) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const always = userByOid(ctx, session.accountId)?.mfa === 'always';
      return always || requestAsksForMfa(params ?? {}) ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );
  return policy;
}

export function buildProviderConfig(options: ProviderConfigOptions): Configuration {
  const { ctx, mountPath, tokenMarker } = options;
  const { seed } = ctx;
  const marker = tokenMarker ? { [MARKER_CLAIM]: tokenMarker } : {};

  const findAccount = (_kctx: KoaContextWithOIDC, id: string): Account | undefined => {
    const user = userByOid(ctx, id);
    if (!user) return undefined;
    return {
      accountId: user.oid,
      claims: () => ({ sub: user.oid, oid: user.oid, tid: seed.tenant.id, name: user.displayName, preferred_username: user.username, ...marker }),
    };
  };

  return {
    adapter: createTokenStore(),
    responseTypes: ['code'],
    clients: [
      {
        client_id: seed.client.id,
        client_name: seed.client.displayName,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        response_types: ['code'],
        grant_types: ['authorization_code', 'refresh_token', DEVICE_CODE_URN],
        // Native clients match http://localhost on any port (oidc-provider strips the loopback port).
        redirect_uris: ['http://localhost'],
      },
    ],
    routes: ROUTES,
    cookies: { keys: options.cookieKeys, long: { signed: true }, short: { signed: true } },
    jwks: { keys: [options.signingJwk] },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (kctx, form) => {
          kctx.body = layout('Sign out', `<p>Sign out of the sandbox?</p>${form.replace('</form>', '<button type="submit" name="logout" value="yes">Sign out</button></form>')}`);
        },
        postLogoutSuccessSource: (kctx) => {
          kctx.body = messagePage('Signed out', 'You have signed out. You can close this window.', { alert: false });
        },
      },
      deviceFlow: {
        enabled: true,
        charset: 'base-20',
        mask: '****-****',
        userCodeInputSource: (kctx, form, _out, err) => {
          kctx.body = deviceCodeInputPage(form, err ? 'That code is not valid or has expired. Check the code and try again.' : undefined);
        },
        userCodeConfirmSource: (kctx, form, client, _deviceInfo, userCode) => {
          kctx.body = deviceCodeConfirmPage(form, client.clientName ?? client.clientId, userCode);
        },
        successSource: (kctx) => {
          kctx.body = messagePage('You are signed in', 'You have signed in to the application on your device. You can close this window.', { alert: false });
        },
      },
      resourceIndicators: {
        enabled: true,
        // Entra (v2) names the API in the scope; pick the one asked for among those granted.
        defaultResource: (kctx, _client, oneOf) => {
          const scope = kctx.oidc.params?.['scope'];
          const scopeText = typeof scope === 'string' ? scope : undefined;
          if (oneOf) {
            const asked = apiForScopeString(scopeText)?.audience;
            return asked && oneOf.includes(asked) ? asked : oneOf[0];
          }
          return expandedScope(scopeText ?? '')?.resources;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (_kctx, resource) => {
          const api = apiForResource(resource);
          if (!api || api.audience !== resource) throw new errors.InvalidTarget(`unknown resource ${resource}`);
          return { scope: api.scopes.join(' '), audience: api.audience, accessTokenFormat: 'jwt', accessTokenTTL: TOKEN_TTL_SECONDS.AccessToken, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub', 'oid', 'tid', 'amr', 'acr', 'auth_time', ...(tokenMarker ? [MARKER_CLAIM] : [])],
      profile: ['name', 'preferred_username'],
    },
    conformIdTokenClaims: false,
    acrValues: [ACR_PASSWORD, ACR_MFA, 'urn:test:mfa'],
    pkce: { required: () => true },
    rotateRefreshToken: (kctx) => {
      // Shim 5: a refresh whose `claims` asks for an auth context this sign-in lacks is refused the way
      // Entra does (before the refresh token is rotated, so the client keeps a working one).
      const refreshToken = kctx.oidc.entities.RefreshToken as SourceToken | undefined;
      const missing = missingAuthContext(claimsOfRefresh(kctx.req), refreshToken?.amr, seed.authContexts);
      if (missing !== undefined) {
        ctx.log('idp.step-up-required', { authContext: missing });
        throw new errors.InteractionRequired(`TEST50076: acrs ${missing} required, session has ${refreshToken?.acr ?? 'none'}`);
      }
      // Not rotated: Entra keeps a refresh token usable after it is redeemed, and two parallel silent
      // refreshes (ARM and ML at once) must both succeed rather than revoke the grant as token theft.
      return false;
    },
    ttl: TOKEN_TTL_SECONDS,
    findAccount,
    extraTokenClaims: (kctx, token) => {
      if (token.kind !== 'AccessToken') return undefined;
      const user = userByOid(ctx, token.accountId);
      const amr = sourceOf(kctx)?.amr ?? [];
      return {
        oid: token.accountId,
        tid: seed.tenant.id,
        azp: seed.client.id,
        ver: '2.0',
        scp: DELEGATED_PERMISSION,
        amr,
        acrs: satisfiedAuthContexts(amr, seed.authContexts),
        name: user?.displayName,
        preferred_username: user?.username,
        ...marker,
      };
    },
    interactions: {
      policy: loginPolicy(ctx),
      url: (_kctx, interaction) => `${mountPath}/interaction/${interaction.uid}`,
    },
    renderError: (kctx, out) => {
      kctx.type = 'html';
      const lines = Object.entries(out).map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</p>`).join('');
      kctx.body = layout('Sign-in failed', `<div role="alert">${lines}</div>`);
    },
    allowOmittingSingleRegisteredRedirectUri: false,
  };
}
