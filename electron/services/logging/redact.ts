// Scrubs secrets from text before it reaches a log line, a diagnostics export or an error, by shape and by
// name: JWTs and long opaque runs wherever they are, and any value — however short — that sits under a
// secret's name in JSON (also JSON quoted inside a JSON string), a query string or form body, a header, or
// `key=value` / `key: value` text. JSON stays JSON (only the value inside the quotes changes).
// Never logs, never throws; MSAL's own PII logging is off as well.

export const REDACTED = '[redacted]';

/** Names (lower case, letters and digits only) whose value is a secret. */
const SECRET_NAMES = new Set([
  'code',
  'secret',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'otp',
  'totp',
  'assertion',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'clientinfo',
  'apikey',
  'privatekey',
  'devicecode',
  'usercode',
  'samlresponse',
  'subscriptionkey',
]);
/** Any name ending so: access_token, refreshToken, client_secret, ssh_password, code_verifier, x-api-key … */
const SECRET_SUFFIX = /(token|secret|password|passphrase|assertion|verifier|credential|apikey|privatekey|cookie)$/;
/**
 * In our own logs and errors `code` names error codes — Airlock's (E_TIMEOUT), Node's (ENOENT), OAuth's and
 * MSAL's (invalid_grant), Entra's (AADSTS50126), HTTP statuses; an authorization code never has these
 * shapes, so under `code` they stay readable. Anything else under `code` is taken for a secret.
 */
const ERROR_CODE = /^(?:E_[A-Z0-9_]{1,40}|E[A-Z]{2,15}|[a-z]{1,32}(?:_[a-z0-9]{1,32}){0,6}|AADSTS\d{4,7}|\d{1,6})$/;

const normalized = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Whether a field or parameter of this name holds a secret (its value is dropped whatever it looks like). */
export function isSecretName(name: string): boolean {
  const n = normalized(name);
  return SECRET_NAMES.has(n) || SECRET_SUFFIX.test(n);
}

/** Whether `value` under `name` must be redacted (by name; `code` keeps error-code shapes). */
export function isSecretValue(name: string, value: string): boolean {
  if (!isSecretName(name) || value === REDACTED) return false;
  return !(normalized(name) === 'code' && value.length <= 64 && ERROR_CODE.test(value));
}

const NAME = '[A-Za-z][A-Za-z0-9_.-]{0,63}';
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
/** "name": "value" — the value up to its closing quote, escapes included. */
const JSON_PAIR = new RegExp(`"(${NAME})"(\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`, 'g');
/** \"name\": \"value\" — the same pair inside a JSON string (quotes escaped once, escapes inside twice). */
const ESCAPED_JSON_PAIR = new RegExp(`\\\\"(${NAME})\\\\"(\\s*:\\s*)\\\\"((?:[^"\\\\]|\\\\\\\\.)*)\\\\"`, 'g');
/** A credential after its scheme, wherever it stands (headers, messages). */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic|Negotiate|NTLM)(\s+)[A-Za-z0-9._~+/=-]+/gi;
/** Credential headers: the whole value, to the end of the line (or a quote, in JSON text). */
const CREDENTIAL_HEADER = /(^|[\s{,;"'(])(authorization|proxy-authorization|cookie|set-cookie)(\s*:\s*)(?=[^\s"\\])[^\r\n"\\]+/gim;
/** `name: value` text (one word), as in YAML-ish messages; quoted JSON keys are the JSON rules' business. */
const COLON_PAIR = new RegExp(`(^|[\\s{,;'(])(${NAME})(\\s*:\\s*)([^\\s"'\\\\,;&]+)`, 'g');
/** key=value in query strings, form bodies and text. */
const PARAM = new RegExp(`(^|[^A-Za-z0-9_.-])(${NAME})(\\s*=\\s*)([^&\\s"'\\\\,;<>]+)`, 'g');
const LONG_OPAQUE = /[A-Za-z0-9_\-+/]{40,}={0,2}/g;

export function redactSecrets(text: string): string {
  return text
    .replace(JWT, '[redacted-jwt]')
    .replace(JSON_PAIR, (all, name: string, sep: string, value: string) => (isSecretValue(name, value) ? `"${name}"${sep}"${REDACTED}"` : all))
    .replace(ESCAPED_JSON_PAIR, (all, name: string, sep: string, value: string) => (isSecretValue(name, value) ? `\\"${name}\\"${sep}\\"${REDACTED}\\"` : all))
    .replace(SCHEME_CREDENTIAL, (all, scheme: string, space: string) => (all.endsWith(REDACTED) ? all : `${scheme}${space}${REDACTED}`))
    .replace(CREDENTIAL_HEADER, (_all, before: string, name: string, sep: string) => `${before}${name}${sep}${REDACTED}`)
    .replace(COLON_PAIR, (all, before: string, name: string, sep: string, value: string) => (isSecretValue(name, value) ? `${before}${name}${sep}${REDACTED}` : all))
    .replace(PARAM, (all, before: string, name: string, sep: string, value: string) => (isSecretValue(name, value) ? `${before}${name}${sep}${REDACTED}` : all))
    .replace(LONG_OPAQUE, REDACTED);
}
