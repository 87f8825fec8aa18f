import { describe, expect, it } from 'vitest';
import { createAmlTokenCache, renewAtOf, RENEW_MARGIN_MS } from '../../../../../electron/services/invoke/aml-token-cache';
import type { AmlToken, EndpointTokenStore } from '../../../../../electron/services/invoke';
import { silentLogger } from '../../../../../electron/services/ports';

const HOUR = 3_600_000;
const scope = { environmentId: 'Sandbox', key: 'acct|ws/onlineendpoints/credit-ep' };

function setup(options: { store?: EndpointTokenStore } = {}) {
  let now = 1_000_000_000_000;
  let fetches = 0;
  const fetch = async (): Promise<AmlToken> => {
    fetches += 1;
    const n = fetches;
    await Promise.resolve(); // an answer later, as ARM's is: concurrent callers wait on the same one
    return { accessToken: `aml-token-${n}`, expiresAt: now + 24 * HOUR, refreshAfter: now + 4 * HOUR };
  };
  const cache = createAmlTokenCache({ now: () => now, logger: silentLogger, ...(options.store ? { store: () => options.store! } : {}) });
  return { cache, fetch, fetches: () => fetches, advance: (ms: number) => (now += ms), now: () => now };
}

/** The next getToken that is waiting for its answer (the fetch starts a tick after token() is called). */
async function asked(answers: Array<(token: AmlToken) => void>): Promise<(token: AmlToken) => void> {
  for (let i = 0; i < 10 && answers.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
  const answer = answers.shift();
  if (!answer) throw new Error('no getToken is waiting');
  return answer;
}

/** A cache on a clock the test sets, whose getTokens wait until the test answers them, holding aml-token-1 (refreshAfter 4 h). */
async function holdingFirstToken() {
  const clock = { now: 0 };
  const answers: Array<(token: AmlToken) => void> = [];
  const slowFetch = () => new Promise<AmlToken>((resolve) => answers.push(resolve));
  const cache = createAmlTokenCache({ now: () => clock.now, logger: silentLogger });
  const first = cache.token(scope, slowFetch);
  (await asked(answers))({ accessToken: 'aml-token-1', expiresAt: 24 * HOUR, refreshAfter: 4 * HOUR });
  return { clock, answers, slowFetch, cache, firstToken: await first };
}

describe('renewAtOf', () => {
  it('renews a little before refreshAfter, not at expiry', () => {
    expect(renewAtOf({ refreshAfter: 4 * HOUR, expiresAt: 24 * HOUR }, 0)).toBe(4 * HOUR - RENEW_MARGIN_MS);
  });
  it("takes halfway to expiry when ARM's refreshAfter is 0 or after expiry", () => {
    expect(renewAtOf({ refreshAfter: 0, expiresAt: 2 * HOUR }, 0)).toBe(HOUR - RENEW_MARGIN_MS);
    expect(renewAtOf({ refreshAfter: 3 * HOUR, expiresAt: 2 * HOUR }, 0)).toBe(HOUR - RENEW_MARGIN_MS);
  });
  it('keeps nothing for a token already expired by our clock', () => {
    expect(renewAtOf({ refreshAfter: 5, expiresAt: 10 }, 10)).toBe(10);
  });
  it('uses a tenth of a short window as margin', () => {
    expect(renewAtOf({ refreshAfter: 100_000, expiresAt: 200_000 }, 0)).toBe(100_000 - 10_000);
  });
});

describe('AML token cache', () => {
  it('shares one getToken between concurrent invokes (single flight)', async () => {
    const t = setup();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => t.cache.token(scope, t.fetch)));
    expect(t.fetches()).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(['aml-token-1']));
  });

  it('keeps the token until just before refreshAfter and renews it then (fake clock)', async () => {
    const t = setup();
    await t.cache.token(scope, t.fetch);
    t.advance(4 * HOUR - RENEW_MARGIN_MS - 1);
    expect(await t.cache.token(scope, t.fetch)).toBe('aml-token-1');
    expect(t.fetches()).toBe(1);
    t.advance(1);
    // From the renew time the token in hand is still sent while the new one is fetched behind the invoke.
    expect(await t.cache.token(scope, t.fetch)).toBe('aml-token-1');
    expect(t.fetches()).toBe(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(await t.cache.token(scope, t.fetch)).toBe('aml-token-2');
    expect(t.fetches()).toBe(2);
  });

  it('no invoke waits on a renewal while its token may still be sent; from refreshAfter they wait', async () => {
    const { clock, answers, slowFetch, cache, firstToken } = await holdingFirstToken();
    expect(firstToken).toBe('aml-token-1');

    clock.now = 4 * HOUR - RENEW_MARGIN_MS; // renew time: ARM is asked once, and slowly
    const during = await Promise.all(Array.from({ length: 20 }, () => cache.token(scope, slowFetch)));
    expect(during).toEqual(Array(20).fill('aml-token-1'));
    expect(answers).toHaveLength(1);

    clock.now = 4 * HOUR; // refreshAfter reached with the renewal still out: now callers wait for it
    let settled = false;
    const waiting = cache.token(scope, slowFetch).then((token) => ((settled = true), token));
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(answers).toHaveLength(1); // the same single flight
    (await asked(answers))({ accessToken: 'aml-token-2', expiresAt: 28 * HOUR, refreshAfter: 8 * HOUR });
    expect(await waiting).toBe('aml-token-2');
    expect(await cache.token(scope, slowFetch)).toBe('aml-token-2');
  });

  it('a renewal that fails behind the invokes is said once, and the token in hand is sent until refreshAfter', async () => {
    const lines: string[] = [];
    let now = 0;
    let calls = 0;
    const cache = createAmlTokenCache({ now: () => now, logger: { log: (_level, event) => void lines.push(event) } });
    await cache.token(scope, async () => ({ accessToken: 'aml-token-1', expiresAt: 24 * HOUR, refreshAfter: 4 * HOUR }));
    now = 4 * HOUR - RENEW_MARGIN_MS;
    const failing = async (): Promise<AmlToken> => {
      calls += 1;
      throw new Error('ARM down');
    };
    expect(await Promise.all([cache.token(scope, failing), cache.token(scope, failing)])).toEqual(['aml-token-1', 'aml-token-1']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(1);
    expect(lines.filter((l) => l === 'invoke.aml_token_renew_failed')).toHaveLength(1);
  });

  it('a renewal that lands after evict (vault locked) does not put its token back', async () => {
    const { clock, answers, slowFetch, cache } = await holdingFirstToken();
    clock.now = 4 * HOUR - RENEW_MARGIN_MS;
    expect(await cache.token(scope, slowFetch)).toBe('aml-token-1'); // renewal now out, behind the invoke
    cache.evict('Sandbox');
    (await asked(answers))({ accessToken: 'aml-token-2', expiresAt: 28 * HOUR, refreshAfter: 8 * HOUR });
    await new Promise((resolve) => setImmediate(resolve));
    const next = cache.token(scope, slowFetch);
    // Nothing was kept: this invoke waits on a fresh getToken (asked() throws if none is asked for).
    (await asked(answers))({ accessToken: 'aml-token-3', expiresAt: 28 * HOUR, refreshAfter: 8 * HOUR });
    expect(await next).toBe('aml-token-3');
  });

  it('1,000 invokes inside one refreshAfter window cost one getToken', async () => {
    const t = setup();
    for (let i = 0; i < 1000; i += 1) {
      await t.cache.token(scope, t.fetch);
      t.advance(10_000); // 1000 x 10 s = 2.8 h < 4 h - margin
    }
    expect(t.fetches()).toBe(1);
  });

  it('after invalidate (the endpoint said 401) fetches a fresh token', async () => {
    const t = setup();
    await t.cache.token(scope, t.fetch);
    await t.cache.invalidate(scope);
    expect(await t.cache.token(scope, t.fetch)).toBe('aml-token-2');
  });

  it('sends the previous token when renewal fails before it expires, and fails once it has', async () => {
    const t = setup();
    await t.cache.token(scope, t.fetch);
    t.advance(5 * HOUR);
    const failing = async (): Promise<AmlToken> => {
      throw new Error('ARM down');
    };
    expect(await t.cache.token(scope, failing)).toBe('aml-token-1');
    t.advance(20 * HOUR);
    await expect(t.cache.token(scope, failing)).rejects.toThrow('ARM down');
  });

  it('keeps tokens in the store until their renew time and reads them back after a restart', async () => {
    const kept = new Map<string, { token: string; renewAt: number }>();
    const store: EndpointTokenStore = {
      get: async (key) => kept.get(key) ?? null,
      put: async (key, token, renewAt) => void kept.set(key, { token, renewAt }),
      delete: async (key) => void kept.delete(key),
    };
    const t = setup({ store });
    await t.cache.token(scope, t.fetch);
    expect(kept.get(scope.key)).toEqual({ token: 'aml-token-1', renewAt: t.now() + 4 * HOUR - RENEW_MARGIN_MS });
    const again = createAmlTokenCache({ now: t.now, logger: silentLogger, store: () => store });
    expect(await again.token(scope, t.fetch)).toBe('aml-token-1');
    expect(t.fetches()).toBe(1);
    await again.invalidate(scope);
    expect(kept.has(scope.key)).toBe(false);
  });

  it('evict drops the environment from memory', async () => {
    const t = setup();
    await t.cache.token(scope, t.fetch);
    t.cache.evict('Sandbox');
    expect(await t.cache.token(scope, t.fetch)).toBe('aml-token-2');
  });
});
