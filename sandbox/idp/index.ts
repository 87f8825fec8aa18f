// Starts the sandbox identity provider: oidc-provider behind node:https (certificate from the sandbox CA)
// on loopback, mounted at the Entra-shaped tenant path so that msal-node in its default (AAD) protocol
// mode accepts it: authority https://localhost:PORT/<tenantId>, issuer …/<tenantId>/v2.0, discovery at
// {authority}/v2.0/.well-known/openid-configuration, endpoints under {authority}/oauth2/v2.0/.
// Must never listen beyond 127.0.0.1, serve plain HTTP, or log passwords, codes or tokens.
import { createServer, type Server } from 'node:https';
import { trackServer } from '../server-sockets';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONWebKeySet } from 'jose';
import Provider from './oidc-provider';
import type { AccessTokenVerifier, RunningPart, SandboxContext } from '../context';
import { createAccessTokenVerifier } from './access-token-verifier';
import { applyRequestShims, responseShims, ROUTES } from './entra-shims';
import { BodyTooLargeError, sendJson } from './http-util';
import { createInteractionRoutes } from './interactions';
import { openIdpKeys } from './keys';
import { createLockout } from './lockout';
import { buildProviderConfig } from './provider-config';

export { MARKER_CLAIM } from './provider-config';
export { ARM_AUDIENCE, ARM_LEGACY_AUDIENCE, ML_AUDIENCE } from './resources';

export interface IdentityProviderOptions {
  /** Loopback port; 0 or absent picks a free one. */
  readonly port?: number;
  /**
   * For leak tests: a recognisable string embedded in every token the IdP issues — as the claim
   * `xms_sandbox_marker` in access and id tokens, and as a `<marker>.` prefix of refresh tokens (taken off
   * again when a refresh token comes back). Use letters and digits only. Off by default.
   */
  readonly tokenMarker?: string;
  /** Polling interval the device-code response advertises (Entra sends 5; tests want 1). Default 1. */
  readonly deviceCodeIntervalSeconds?: number;
}

export interface IdentityProvider extends RunningPart {
  readonly port: number;
  /** `https://localhost:PORT/<tenantId>/v2.0` — the `iss` of every token. */
  readonly issuer: string;
  /** `https://localhost:PORT/<tenantId>` — msal's `auth.authority`. */
  readonly authority: string;
  /** `localhost:PORT` — msal's `auth.knownAuthorities` entry. */
  readonly knownAuthority: string;
  /** Public signing keys, as served at the jwks_uri. */
  readonly jwks: JSONWebKeySet;
  /** Verifies access tokens of this IdP (signature, issuer, audience, expiry on the sandbox clock). */
  readonly verifier: AccessTokenVerifier;
  /** Where msal posts device-code requests (token endpoint with /token → /devicecode). */
  readonly deviceCodeUrl: string;
  readonly tokenEndpoint: string;
  readonly authorizationEndpoint: string;
}

type MountedRequest = IncomingMessage & { originalUrl?: string };

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startIdentityProvider(ctx: SandboxContext, options: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const tenantId = ctx.seed.tenant.id.toLowerCase();
  const mountPath = `/${tenantId}`;
  const marker = options.tokenMarker;
  if (marker !== undefined && !/^[A-Za-z0-9_-]{4,64}$/.test(marker)) throw new Error('tokenMarker must be 4-64 letters, digits, _ or -');

  const [keys, tls] = await Promise.all([openIdpKeys(ctx.stateDir), ctx.ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] })]);
  const server = createServer({ key: tls.keyPem, cert: tls.certPem });
  const tracked = trackServer(server);
  const port = await listen(server, options.port ?? 0, ctx.host);
  const knownAuthority = `localhost:${port}`;
  const authority = `https://${knownAuthority}${mountPath}`;
  const issuer = `${authority}/v2.0`;

  const provider = new Provider(issuer, buildProviderConfig({ ctx, mountPath, signingJwk: keys.signingJwk, cookieKeys: keys.cookieKeys, tokenMarker: marker }));
  provider.proxy = false;
  provider.use(responseShims({ tenantId, marker, deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds ?? 1 }));
  provider.on('server_error', (_kctx, error) => ctx.log('idp.server-error', { error: error.name, message: error.message }));
  provider.on('grant.error', (_kctx, error) => ctx.log('idp.grant-error', { error: (error as { error?: string }).error ?? error.name }));

  const interactions = createInteractionRoutes({ provider, ctx, lockout: createLockout(ctx.seed.security, ctx.now), mountPath });
  const callback = provider.callback();

  const handle = async (req: MountedRequest, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    if (url.pathname !== mountPath && !url.pathname.startsWith(`${mountPath}/`)) {
      sendJson(res, 404, { error: 'not_found', error_description: `The sandbox tenant lives under ${mountPath}.` });
      return;
    }
    let inner = url.pathname.slice(mountPath.length) || '/';
    // msal (AAD mode) looks for discovery under {authority}/v2.0/; oidc-provider serves it at the mount root.
    if (inner === '/v2.0/.well-known/openid-configuration') inner = '/.well-known/openid-configuration';
    req.url = `${inner}${url.search}`;
    if (await interactions(req, res, inner)) return;
    const shimmed: MountedRequest = await applyRequestShims(req, inner, url.search, marker);
    // oidc-provider derives its mount path (for the URLs it builds) from originalUrl minus url.
    shimmed.originalUrl = `${mountPath}${shimmed.url}`;
    await callback(shimmed, res);
  };

  server.on('request', (req: MountedRequest, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      const tooLarge = error instanceof BodyTooLargeError;
      if (!tooLarge) ctx.log('idp.request-failed', { message: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, tooLarge ? 413 : 500, { error: tooLarge ? 'invalid_request' : 'server_error', error_description: tooLarge ? 'request body too large' : 'internal error' });
      else res.destroy();
    });
  });

  ctx.log('idp.started', { port, issuer });
  return {
    name: 'identity-provider',
    port,
    issuer,
    authority,
    knownAuthority,
    jwks: keys.publicJwks,
    verifier: createAccessTokenVerifier({ issuer, jwks: keys.publicJwks, now: ctx.now }),
    deviceCodeUrl: `${authority}${ROUTES.device_authorization}`,
    tokenEndpoint: `${authority}${ROUTES.token}`,
    authorizationEndpoint: `${authority}${ROUTES.authorization}`,
    stop: () => tracked.close(),
  };
}
