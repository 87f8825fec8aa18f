// Scrubs anything token-shaped from text before it reaches a log: JWTs, long base64url runs (refresh
// tokens, codes), and query parameters that carry secrets. MSAL's own PII logging is off as well.

const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const SECRET_PARAM = /\b(code|access_token|refresh_token|id_token|client_info|assertion|password|otp)=([^&\s"']+)/gi;
const LONG_OPAQUE = /[A-Za-z0-9_\-+/]{40,}={0,2}/g;

export function redactSecrets(text: string): string {
  return text.replace(JWT, '[redacted-jwt]').replace(SECRET_PARAM, '$1=[redacted]').replace(LONG_OPAQUE, '[redacted]');
}
