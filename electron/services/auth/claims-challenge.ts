// Reads a claims challenge from a resource's 401: `WWW-Authenticate: Bearer ..., error="insufficient_claims",
// claims="<base64 JSON>"`. Returns the decoded claims JSON (what MSAL takes), or null when it is not one.

export function claimsFromChallenge(wwwAuthenticate: string | null | undefined): string | null {
  if (!wwwAuthenticate || !/error="?insufficient_claims"?/i.test(wwwAuthenticate)) return null;
  const match = /claims="([^"]+)"/i.exec(wwwAuthenticate);
  if (!match?.[1]) return null;
  try {
    const json = Buffer.from(match[1], 'base64').toString('utf8');
    JSON.parse(json);
    return json;
  } catch {
    return null;
  }
}

/** The claims request asking for an auth context (step-up), as Entra and the sandbox understand it. */
export function authContextClaims(authContextId: string): string {
  return JSON.stringify({ access_token: { acrs: { essential: true, value: authContextId } } });
}

/** The auth context a claims request asks for (`acrs` value), if any — shown to the user as the requirement. */
export function authContextOf(claims: string): string | undefined {
  try {
    const value = (JSON.parse(claims) as { access_token?: { acrs?: { value?: unknown } } }).access_token?.acrs?.value;
    return typeof value === 'string' && /^c[0-9]{1,2}$/.test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
