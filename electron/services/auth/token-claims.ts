// Reads the MFA facts Airlock needs from an access token it just received from the authority over verified
// TLS: `amr` (methods used) and `acrs` (auth contexts satisfied). Not a signature check — the resource does
// that — only "does this token show MFA", so Airlock can ask for step-up before the call instead of after
// (the issue asks Airlock to proceed only with such a token). Access tokens are meant for the resource and may
// be opaque or encrypted: then the id token of the same sign-in (which is the client's to read) is asked, and
// if neither shows MFA, Airlock asks for step-up — failing closed.

export interface TokenMfaFacts {
  readonly amr: readonly string[];
  readonly acrs: readonly string[];
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The facts in a readable (JWT) access token; null when it is opaque or encrypted. */
export function mfaFactsOf(accessToken: string): TokenMfaFacts | null {
  const parts = accessToken.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? factsOfClaims(claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function factsOfClaims(claims: Readonly<Record<string, unknown>> | undefined): TokenMfaFacts {
  return { amr: strings(claims?.['amr']), acrs: strings(claims?.['acrs']) };
}

/** MFA is shown when `amr` contains `mfa`, or `acrs` contains the configured auth context. */
export function showsMfa(facts: TokenMfaFacts, authContextId: string): boolean {
  return facts.amr.includes('mfa') || facts.acrs.includes(authContextId);
}
