// The redactor: planted secrets in every form they reach a log in — JSON (any value type, also JSON nested in
// strings), quoted and inspect-style text, query strings and form bodies (also percent-encoded), Azure Storage
// secrets, headers, `key=value` and `key: value` text, structured log fields — are gone, in linear time,
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

describe('redactSecrets: the forms a first version let through', () => {
  /** A short marker per form, so a failure names the form that leaked. */
  const M = (form: string): string => `pL4nt-${form}`;
  const expectClean = (text: string, ...markers: string[]): string => {
    const out = redactSecrets(text);
    expect(markers.filter((m) => out.includes(m)), out).toEqual([]);
    return out;
  };

  it('quoted values outside JSON, with a colon or an equals sign', () => {
    expectClean(`login failed password: "${M('colon-dq')}"`, M('colon-dq'));
    expectClean(`password='${M('eq-sq')}' retry`, M('eq-sq'));
    expectClean(`password="${M('eq-dq')} with spaces" user=ada`, M('eq-dq'));
    expectClean(`client_secret = '${M('spaced')}'`, M('spaced'));
    expect(redactSecrets(`password="${M('x')}" user=ada`)).toBe('password="[redacted]" user=ada');
    // The same text inside a JSON string (a message logged as JSON): still found, and still JSON.
    const json = JSON.stringify({ message: `retry with token: "${M('in-json')}" and password='${M('in-json-sq')}'` });
    expect(JSON.parse(expectClean(json, M('in-json'), M('in-json-sq')))).toMatchObject({ message: expect.stringContaining('retry with token') as unknown });
  });

  it('util.inspect and Python-style objects', () => {
    expectClean(`{ refresh_token: '${M('inspect')}', user: 'ada' }`, M('inspect'));
    expectClean(`{'password': '${M('python')}', 'user': 'ada'}`, M('python'));
    expectClean(`{ accessToken: "${M('inspect-dq')}" }`, M('inspect-dq'));
    expectClean(`{ refresh_token: [ '${M('inspect-array')}' ], otp: 123456 }`, M('inspect-array'), '123456');
    expectClean(`Map(1) { 'password' => '${M('map')}' }`, M('map'));
    expect(redactSecrets(`{ refresh_token: 'x', user: 'ada' }`)).toContain("user: 'ada'");
  });

  it('JSON values that are not strings: numbers, arrays, objects; the result is still JSON', () => {
    const text = JSON.stringify({ otp: 123456, refresh_token: [M('array')], client_secret: { value: M('object') }, nested: { password: [[M('deep-array')]] }, count: 3 });
    const out = expectClean(text, '123456', M('array'), M('object'), M('deep-array'));
    expect(JSON.parse(out)).toMatchObject({ otp: '[redacted]', refresh_token: '[redacted]', count: 3 });
    expectClean(`{"otp": 482913}`, '482913');
  });

  it('percent-encoded forms: separators, whole bodies, JSON, encoded twice; JSON text stays JSON', () => {
    expectClean(`refresh_token%3D${M('enc-eq')}`, M('enc-eq'));
    expectClean(`body=grant_type%3Drefresh_token%26refresh_token%3D${M('enc-body')}%26client_id%3Dc1`, M('enc-body'));
    expectClean(`%22refresh_token%22%3A%22${M('enc-json')}%22`, M('enc-json'));
    expectClean(`next=%2Fcb%3Fcode%253D${M('enc-twice')}%2526state%253Ds`, M('enc-twice'));
    expectClean(`redirect%3Fpassword%3D${M('enc-pct')}%2Bmore%2Fend`, M('enc-pct'), 'more%2Fend');
    const json = JSON.stringify({ url: `https://login.test/cb?state=%22s%22&x=%7B%22password%22%3A%22${M('enc-in-json')}%22%7D`, code: 'E_TIMEOUT' });
    const out = expectClean(json, M('enc-in-json'));
    expect(JSON.parse(out)).toMatchObject({ code: 'E_TIMEOUT' });
    expect(redactSecrets('GET /models?name=a%20b%2Fc&top=5')).toBe('GET /models?name=a%20b%2Fc&top=5'); // nothing hidden: untouched
  });

  it('JSON nested two and three levels inside strings', () => {
    const level = (value: unknown): string => JSON.stringify({ message: 'said', body: value });
    const two = level(level(JSON.stringify({ error: 'invalid_grant', refresh_token: M('two'), otp: 123456 })));
    const three = level(level(level(JSON.stringify({ password: M('three') }))));
    expect(JSON.parse(expectClean(two, M('two'), '123456'))).toMatchObject({ message: 'said' });
    expect(redactSecrets(two)).toContain('invalid_grant');
    expect(JSON.parse(expectClean(three, M('three')))).toMatchObject({ message: 'said' });
    // An escaped quote inside a nested value does not end it early.
    expectClean(level(JSON.stringify({ password: `a"${M('quote')}` })), M('quote'));
  });

  it('Azure storage secrets: SAS signatures, account keys, connection strings', () => {
    expectClean(`https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2031-01-01&sp=r&sig=${M('sig')}%3D`, M('sig'));
    expectClean(`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${M('accountkey')}==;EndpointSuffix=core.windows.net`, M('accountkey'));
    expectClean(`BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&sig=${M('sas')}`, M('sas'));
    expectClean(`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=${M('sbkey')}`, M('sbkey'));
    expect(redactSecrets('AccountName=acct;EndpointSuffix=core.windows.net')).toBe('AccountName=acct;EndpointSuffix=core.windows.net');
  });

  it('error codes stay readable in every one of these forms', () => {
    const readable = [
      `code: "E_TIMEOUT"`,
      `code='ENOENT'`,
      `{ code: 'invalid_grant', status: 401 }`,
      `{'code': 'AADSTS50126'}`,
      `{"code": 404, "error": "invalid_grant"}`,
      JSON.stringify({ body: JSON.stringify({ body: JSON.stringify({ code: 'E_AUTH_REQUIRED', error: 'interaction_required' }) }) }),
      'code%3Dinvalid_grant%26error%3Daccess_denied',
      'errno ENOENT, HTTP 503, AADSTS700082: expired',
    ];
    for (const text of readable) expect(redactSecrets(text)).toBe(text);
  });

  it('finishes on 1 MB pathological inputs (no catastrophic backtracking)', () => {
    const MB = 1 << 20;
    const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
    const inputs = [
      fill('eyJ'),
      fill('\\'),
      fill('\\"a\\":\\"'),
      fill('\\\\\\"p\\\\\\":\\\\\\"'),
      fill('"a":"'),
      fill('"password":["'),
      fill("{ a: '"),
      fill('a=%'),
      fill('%25'),
      fill('a'.repeat(39) + ' '),
      `"password":"${fill('\\')}`,
      `\\"password\\":\\"${fill('\\\\"')}`,
      `password: "${fill('x')}`,
      fill('password:'),
      fill('Bearer '),
      `{${fill('"k":[1,')}`,
      `"a":"${fill('\\"')}`,
      fill('a=1a=1'),
      fill('a=%25'),
      fill('x=%22'),
      `"otp":${fill('1')}x`,
      `%41 ${fill('a ')}`,
      fill('"\\n"'),
      fill('"\\"a\\":\\"b\\"" '),
      fill('\\"a\\":\\"\\"a\\":\\"'),
    ];
    for (const input of inputs) {
      const out = redactSecrets(input);
      expect(typeof out).toBe('string');
    }
  }, 60_000);
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

describe('redactSecrets: plain words skip the rules (event names, enums, ids), nothing a rule catches does', () => {
  it('returns plain words as they are', () => {
    for (const word of ['invoke.scored', 'AMLToken', 'vpn', 'E_ROUTE_DOWN', 'credit-ep', '', 'a'.repeat(39), 'ey', 'eyj.abc.def']) expect(redactSecrets(word)).toBe(word);
  });

  it('still redacts what only looks short or plain: a short JWT, a 40-character run, a pair, a header', () => {
    expect(redactSecrets('eyJhbGci.eyJzdWIi.c2ln')).toBe('[redacted-jwt]');
    expect(redactSecrets('A'.repeat(40))).toBe('[redacted]');
    expect(redactSecrets('password=hunter2')).not.toContain('hunter2');
    expect(redactSecrets('Bearer abc')).not.toContain('abc');
  });
});
