// What a request asks of the authentication, and whether a sign-in satisfies it: Entra auth contexts
// (`acrs`, e.g. `c1` = "MFA required") from a `claims` request, and MFA asked through `acr_values`.
// Pure functions; must never throw on malformed input (a bad claims string simply asks for nothing).

export const ACR_MFA = 'c1';
export const ACR_PASSWORD = 'urn:test:pwd';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function parse(claims: string | undefined): Json {
  if (!claims) return null;
  try {
    return JSON.parse(claims) as Json;
  } catch {
    return null;
  }
}

function member(value: Json, key: string): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value[key] ?? null) : null;
}

/** Auth-context ids a `claims` request asks for in `access_token.acrs` or `id_token.acrs` (`value` or `values`). */
export function requestedAuthContexts(claims: string | undefined): string[] {
  const root = parse(claims);
  const out = new Set<string>();
  for (const token of ['access_token', 'id_token']) {
    const acrs = member(member(root, token), 'acrs');
    const value = member(acrs, 'value');
    const values = member(acrs, 'values');
    if (typeof value === 'string') out.add(value);
    if (Array.isArray(values)) for (const v of values) if (typeof v === 'string') out.add(v);
  }
  return [...out];
}

/** True when the request asks for MFA: a claims request naming any `acrs`, or `acr_values` with mfa/c1. */
export function requestAsksForMfa(params: { claims?: unknown; acr_values?: unknown }): boolean {
  const claims = typeof params.claims === 'string' ? params.claims : undefined;
  if (requestedAuthContexts(claims).length > 0) return true;
  const acrValues = typeof params.acr_values === 'string' ? params.acr_values.split(' ') : [];
  return acrValues.some((v) => /mfa/i.test(v) || /^c[0-9]{1,2}$/.test(v));
}

/** The auth contexts a sign-in satisfies: every configured context after MFA, none after a password only. */
export function satisfiedAuthContexts(amr: readonly string[] | undefined, authContexts: readonly string[]): string[] {
  return amr?.includes('mfa') ? [...authContexts] : [];
}

/** The `acr` the sandbox reports for a sign-in. */
export function acrFor(amr: readonly string[]): string {
  return amr.includes('mfa') ? ACR_MFA : ACR_PASSWORD;
}

/** The first requested auth context the sign-in does not satisfy, or undefined when all are met. */
export function missingAuthContext(claims: string | undefined, amr: readonly string[] | undefined, authContexts: readonly string[]): string | undefined {
  const have = new Set(satisfiedAuthContexts(amr, authContexts));
  return requestedAuthContexts(claims).find((acrs) => !have.has(acrs));
}
