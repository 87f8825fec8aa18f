// Reads the MFA facts Airlock needs from an access token it just received from the authority over verified
// TLS: `amr` (methods used) and `acrs` (auth contexts satisfied). Not a signature check — the resource does
// that — only "does this token show MFA", so Airlock can ask for step-up before the call instead of after.
// An unreadable (opaque) token shows nothing, which fails closed into a step-up.

export interface TokenMfaFacts {
  readonly amr: readonly string[];
  readonly acrs: readonly string[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function mfaFactsOf(accessToken: string): TokenMfaFacts {
  const payload = accessToken.split('.')[1];
  if (!payload) return { amr: [], acrs: [] };
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    return { amr: strings(claims['amr']), acrs: strings(claims['acrs']) };
  } catch {
    return { amr: [], acrs: [] };
  }
}

/** MFA is shown when `amr` contains `mfa`, or `acrs` contains the configured auth context. */
export function showsMfa(facts: TokenMfaFacts, authContextId: string): boolean {
  return facts.amr.includes('mfa') || facts.acrs.includes(authContextId);
}
