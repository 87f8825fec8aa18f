// The scoring host remembers AML tokens it has verified (so WebCrypto's thread-pool hop is not on every
// request): a remembered token must still expire on the clock, stay scoped to its own endpoint, and never make
// a look-alike token pass.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEndpointCredentials } from '../../../../sandbox/endpoint-credentials/endpoint-credentials';

const A = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/onlineEndpoints/a';
const B = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/onlineEndpoints/b';

async function credentials() {
  let nowMs = Date.UTC(2026, 11, 4, 12, 0, 0);
  const creds = await openEndpointCredentials({ stateDir: await mkdtemp(path.join(tmpdir(), 'airlock-creds-')), endpointIds: [A, B], now: () => new Date(nowMs), tokenLifetimeSeconds: 3600, refreshAfterSeconds: 1800 });
  return { creds, advance: (ms: number) => (nowMs += ms) };
}

describe('remembered AML tokens', () => {
  it('a token already accepted expires on the clock, to the second, like a fresh one', async () => {
    const { creds, advance } = await credentials();
    const { accessToken } = await creds.issueAmlToken(A, 'oid-1');
    expect(await creds.checkAmlToken(A, accessToken)).toBe('ok');
    advance(3599_000);
    expect(await creds.checkAmlToken(A, accessToken)).toBe('ok');
    advance(1_000);
    expect(await creds.checkAmlToken(A, accessToken)).toBe('expired');
  });

  it('a token accepted for one endpoint is refused by another, before and after it was remembered', async () => {
    const { creds } = await credentials();
    const { accessToken } = await creds.issueAmlToken(A, 'oid-1');
    expect(await creds.checkAmlToken(B, accessToken)).toBe('invalid');
    expect(await creds.checkAmlToken(A, accessToken)).toBe('ok');
    expect(await creds.checkAmlToken(B, accessToken)).toBe('invalid');
    expect(await creds.checkAmlToken(A.toUpperCase(), accessToken)).toBe('ok');
  });

  it('a changed signature or payload is refused even while the genuine token is remembered', async () => {
    const { creds } = await credentials();
    const { accessToken } = await creds.issueAmlToken(A, 'oid-1');
    expect(await creds.checkAmlToken(A, accessToken)).toBe('ok');
    const [h, p, s] = accessToken.split('.') as [string, string, string];
    const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    const otherPayload = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), oid: 'oid-2' })).toString('base64url')}.${s}`;
    expect(await creds.checkAmlToken(A, flipped)).toBe('invalid');
    expect(await creds.checkAmlToken(A, otherPayload)).toBe('invalid');
  });

  it('many tokens: the oldest are forgotten and simply verified again', async () => {
    const { creds } = await credentials();
    const tokens = await Promise.all(Array.from({ length: 300 }, (_, i) => creds.issueAmlToken(A, `oid-${i}`)));
    for (const t of tokens) expect(await creds.checkAmlToken(A, t.accessToken)).toBe('ok');
    for (const t of tokens) expect(await creds.checkAmlToken(A, t.accessToken)).toBe('ok');
  });
});
