// The redactor: planted secrets in every form they reach a log in — JSON (also JSON inside a JSON string),
// query strings and form bodies, headers, `key=value` and `key: value` text, structured log fields — are gone,
// short opaque values included, while what support needs (error codes, ids, event names) stays readable.
import { describe, expect, it } from 'vitest';
import { redactingLogger, redactLogFields, redactSecrets } from '../../../../../electron/services/logging';
import type { LogFields, LogLevel } from '../../../../../electron/services/ports';

/** Short, opaque, unlike any shape: only the key name can give them away. */
const P = {
  refresh: 'rT9x-Q2',
  access: 'aT4y_K7',
  password: 'hunter2!',
  clientSecret: 'cS8~zz',
  code: '0.AXkA-cd3',
  idToken: 'iD1q.w',
  otp: '482913',
  assertion: 'aS5.r',
  verifier: 'vF7-kk',
  bearer: 'bR2.abc~d',
  basic: 'dXNlcjpw',
  cookie: 'sid=cK3f',
  apiKey: 'kY6-pp',
  secret: 'sE9_qq',
  endpointToken: 'eP0-tt',
} as const;
const planted = Object.values(P);

const leaks = (text: string): string[] => planted.filter((value) => text.includes(value));

describe('redactSecrets', () => {
  it('JSON form, with and without spaces, any secret key name', () => {
    const text = JSON.stringify({ refresh_token: P.refresh, access_token: P.access, password: P.password, client_secret: P.clientSecret, code: P.code, id_token: P.idToken, otp: P.otp, client_assertion: P.assertion, code_verifier: P.verifier, secret: P.secret, endpointToken: P.endpointToken, 'api-key': P.apiKey });
    expect(leaks(redactSecrets(text))).toEqual([]);
    expect(leaks(redactSecrets(`{"access_token" : "${P.access}", "refresh_token":\t"${P.refresh}"}`))).toEqual([]);
    // Output stays JSON (the diagnostics export parses it back).
    expect(JSON.parse(redactSecrets(text))).toMatchObject({ refresh_token: '[redacted]', code: '[redacted]' });
  });

  it('JSON inside a JSON string (an error body quoted in a message)', () => {
    const inner = JSON.stringify({ error: 'invalid_grant', refresh_token: P.refresh, password: P.password });
    const outer = JSON.stringify({ message: `token endpoint said ${inner}` });
    expect(leaks(redactSecrets(outer))).toEqual([]);
    expect(JSON.parse(redactSecrets(outer))).toMatchObject({ message: expect.stringContaining('invalid_grant') as unknown });
  });

  it('a value with escapes inside does not leave its tail behind', () => {
    expect(redactSecrets(`{"password":"ab\\"${P.password}\\ncd"}`)).toBe('{"password":"[redacted]"}');
  });

  it('query strings and form bodies', () => {
    const url = `http://localhost:5123/?code=${P.code}&state=abc&client_info=eyJ1aWQiOiJ4In0`;
    const body = `grant_type=refresh_token&refresh_token=${P.refresh}&client_id=c1&client_secret=${P.clientSecret}&code_verifier=${P.verifier}&assertion=${P.assertion}`;
    expect(leaks(redactSecrets(`${url} ${body}`))).toEqual([]);
    expect(redactSecrets(body)).toContain('grant_type=refresh_token&refresh_token=[redacted]&client_id=c1');
    expect(redactSecrets(url)).toContain('state=abc');
  });

  it('headers: Authorization (Bearer, Basic), Cookie, API keys', () => {
    const text = [`Authorization: Bearer ${P.bearer}`, `authorization:Basic ${P.basic}`, `Cookie: ${P.cookie}`, `x-api-key: ${P.apiKey}`, `sent with bearer ${P.bearer} twice`].join('\n');
    expect(leaks(redactSecrets(text))).toEqual([]);
    expect(leaks(redactSecrets(JSON.stringify({ headers: { Authorization: `Bearer ${P.bearer}` } })))).toEqual([]);
  });

  it('key=value and key: value in plain text', () => {
    const text = `login failed password=${P.password} otp: ${P.otp}, secret = ${P.secret}; refresh_token:${P.refresh}`;
    expect(leaks(redactSecrets(text))).toEqual([]);
    expect(redactSecrets(text)).toContain('login failed');
  });

  it('keeps JWTs and long opaque runs out as before', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const out = redactSecrets(`token ${jwt} and 0.ARwA${'x'.repeat(60)} done`);
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('x'.repeat(60));
    expect(out).toContain('done');
  });

  it('leaves error codes, ids and ordinary words readable', () => {
    const text = '{"code":"E_AUTH_REQUIRED","reason":"AADSTS50126","environmentId":"Sandbox","operation":"sign-in"} code=invalid_grant errno ECONNREFUSED tenant 7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('structured log fields', () => {
  it('drops values under secret names, whatever they look like, and redacts text in the rest', () => {
    const fields: LogFields = { refreshToken: P.refresh, password: P.password, client_secret: P.clientSecret, Authorization: `Bearer ${P.bearer}`, otp: P.otp, code: P.code, message: `body {"access_token":"${P.access}"}`, count: 3, ok: true, none: null };
    const out = redactLogFields(fields);
    expect(leaks(JSON.stringify(out))).toEqual([]);
    expect(out).toMatchObject({ refreshToken: '[redacted]', code: '[redacted]', count: 3, ok: true, none: null });
  });

  it('keeps error codes under `code` (our logs use it for error codes)', () => {
    expect(redactLogFields({ code: 'E_TIMEOUT' })).toEqual({ code: 'E_TIMEOUT' });
    expect(redactLogFields({ code: 'platform_broker_error' })).toEqual({ code: 'platform_broker_error' });
    expect(redactLogFields({ code: 'ENOSPC' })).toEqual({ code: 'ENOSPC' });
  });

  it('a redacting logger hands the inner logger only redacted fields', () => {
    const lines: Array<{ level: LogLevel; event: string; fields: LogFields | undefined }> = [];
    const logger = redactingLogger({ log: (level, event, fields) => void lines.push({ level, event, fields }) });
    logger.log('warn', 'auth.sign_in_failed', { code: 'E_AUTH_REQUIRED', access_token: P.access, detail: `refresh_token=${P.refresh}` });
    logger.log('info', 'auth.signed_in');
    expect(leaks(JSON.stringify(lines))).toEqual([]);
    expect(lines[0]).toMatchObject({ level: 'warn', event: 'auth.sign_in_failed', fields: { code: 'E_AUTH_REQUIRED', access_token: '[redacted]' } });
    expect(lines[1]).toEqual({ level: 'info', event: 'auth.signed_in', fields: undefined });
  });
});
