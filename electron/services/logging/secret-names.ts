// Which names hold a secret (a value under such a name is dropped, however short or ordinary it looks), and
// the one exception: under `code`, the shapes of error codes stay readable. Pure; never logs.

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
  // Azure Storage: a SAS URL's signature (the rest of a SAS — sv, se, sp — is not secret).
  'sig',
]);
/**
 * Any name ending so: access_token, refreshToken, client_secret, ssh_password, code_verifier, x-api-key,
 * AccountKey, SharedAccessKey, SharedAccessSignature, x-amz-signature …
 */
const SECRET_SUFFIX = /(token|secret|password|passphrase|assertion|verifier|credential|apikey|privatekey|cookie|accountkey|accesskey|signature)$/;
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
