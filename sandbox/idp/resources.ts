// The APIs the sandbox issues access tokens for, and how an Entra-style scope names one. msal (like Entra
// v2) never sends a `resource` parameter: it asks for `https://management.azure.com/.default` or
// `https://ml.azure.com/user_impersonation`, and the resource is the scope without its last segment.
// Must never invent a resource: an unknown scope maps to nothing.

export interface ResourceApi {
  /** The audience (`aud`) and the RFC 8707 resource indicator. */
  readonly audience: string;
  /** Scope values a client may send for this API. */
  readonly scopes: readonly string[];
}

export const ARM_AUDIENCE = 'https://management.azure.com';
export const ML_AUDIENCE = 'https://ml.azure.com';
/**
 * The legacy ARM resource the Azure CLI asks for (`https://management.core.windows.net//.default`, note the
 * double slash: the resource id ends in `/`) and sends to Bastion as `aztoken`; Entra's `aud` keeps the slash.
 */
export const ARM_LEGACY_AUDIENCE = 'https://management.core.windows.net/';

/** Delegated permission name carried in `scp`, as Entra does for ARM and Azure ML. */
export const DELEGATED_PERMISSION = 'user_impersonation';

export const RESOURCE_APIS: readonly ResourceApi[] = [ARM_AUDIENCE, ML_AUDIENCE, ARM_LEGACY_AUDIENCE].map((audience) => ({
  audience,
  scopes: [`${audience}/.default`, `${audience}/${DELEGATED_PERMISSION}`],
}));

const normalise = (value: string) => value.replace(/\/+$/, '').toLowerCase();

/** The API a resource indicator names (trailing slash and case tolerated), or undefined. */
export function apiForResource(resource: string): ResourceApi | undefined {
  return RESOURCE_APIS.find((api) => normalise(api.audience) === normalise(resource));
}

/** The API a single scope value belongs to (`<audience>/.default`, `<audience>/<permission>`), or undefined. */
export function apiForScope(scope: string): ResourceApi | undefined {
  const slash = scope.lastIndexOf('/');
  if (slash <= 'https://'.length) return undefined;
  return apiForResource(scope.slice(0, slash));
}

/** The first API named by a space-separated scope string (msal sends one resource per request). */
export function apiForScopeString(scope: string | undefined): ResourceApi | undefined {
  for (const value of (scope ?? '').split(' ')) {
    const api = apiForScope(value);
    if (api) return api;
  }
  return undefined;
}

/**
 * Scope expansion for authorization and device requests: the app is admin-consented for every API, and an
 * Entra refresh token is good for all of them, so the grant covers every API's `.default` scope. The API
 * actually asked for stays first.
 */
export function expandedScope(scope: string): { scope: string; resources: string[] } | undefined {
  const asked = apiForScopeString(scope);
  if (!asked) return undefined;
  const values = scope.split(' ').filter(Boolean);
  const ordered = [asked, ...RESOURCE_APIS.filter((api) => api !== asked)];
  for (const api of ordered) {
    if (!values.includes(`${api.audience}/.default`)) values.push(`${api.audience}/.default`);
  }
  return { scope: values.join(' '), resources: ordered.map((api) => api.audience) };
}
