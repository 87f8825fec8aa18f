// Test connection against the real sandbox scoring server, through a fake route that opens loopback streams
// (real TLS with the endpoint's real name, the sandbox CA): every step's outcome and its cause in words, and
// a result that carries no token and no body. No test dials anything but 127.0.0.1.
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { runConnectionTest, type ConnectionTestOptions, type RouteConnection } from '../../../../electron/services/routes';
import { CREDIT_HOST, startScoringFixture, type ScoringFixture } from '../../sandbox/scoring/scoring-fixture';
import { createLoopbackRoute, type LoopbackRoute } from '../http/loopback-route';

const MISMATCH_HOST = 'credit-ep.northeurope.inference.ml.azure.com';
const GHOST_HOST = 'ghost-ep.westeurope.inference.ml.azure.com';
const PRIVATE_ANSWER = { chain: [CREDIT_HOST, 'credit-ep.0000.inference.westeurope.privatelink.api.azureml.ms'], addresses: [{ address: '10.0.1.4' }] };

let fx: ScoringFixture;
let ca: string[];

beforeAll(async () => {
  fx = await startScoringFixture();
  ca = [...rootCertificates, fx.ctx.ca.certPem];
});
afterAll(() => fx.stop());

function routeFor(): LoopbackRoute {
  return createLoopbackRoute((host, port) => {
    if (port !== 443) return null;
    if (host === MISMATCH_HOST || host === GHOST_HOST) return fx.scoring.port;
    return fx.network.route(host, port)?.port ?? null;
  }, 'jumpbox.internal.sandbox:22 as alice');
}

const test = (overrides: Partial<ConnectionTestOptions> & Pick<ConnectionTestOptions, 'via'>) => {
  const route = routeFor();
  return runConnectionTest({ host: CREDIT_HOST, ensureRoute: () => Promise.resolve(route as RouteConnection), ca, ...overrides });
};

describe('Test connection', () => {
  it('jump: route → channel → tls → http, and 401 reads as "answers and asks for credentials"', async () => {
    const result = await test({ via: 'jump' });
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['route', true],
      ['channel', true],
      ['tls', true],
      ['http', true],
    ]);
    expect(result.steps[0]!.detail).toBe('jumpbox.internal.sandbox:22 as alice');
    expect(result.steps[2]!.detail).toContain('*.westeurope.inference.ml.azure.com');
    expect(result.steps[3]).toMatchObject({ status: 401, detail: 'The endpoint answers and asks for credentials (401).' });
    expect(JSON.stringify(result)).not.toMatch(/bearer|authorization|InvalidToken|error/i);
  });

  it('vpn: dns shows the chain and the private answer, then tcp → tls → http', async () => {
    const result = await test({ via: 'vpn', posture: () => Promise.resolve(PRIVATE_ANSWER) });
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['http', true],
    ]);
    expect(result.steps[0]!.detail).toBe(`${CREDIT_HOST} → ${PRIVATE_ANSWER.chain[1]} → 10.0.1.4 (private)`);
    expect(result.ok).toBe(true);
  });

  it('vpn: a public DNS answer stops at dns, in words, and the route is never asked', async () => {
    let asked = 0;
    const result = await test({
      via: 'vpn',
      ensureRoute: () => {
        asked += 1;
        return Promise.reject(new Error('not reached'));
      },
      posture: () =>
        Promise.reject(new AirlockError('E_NOT_PRIVATE', { details: { host: CREDIT_HOST, address: '20.50.2.9', chain: CREDIT_HOST, reason: 'public-answer' } })),
    });
    expect(result.ok).toBe(false);
    expect(result.steps[0]).toMatchObject({ name: 'dns', ok: false, code: 'E_NOT_PRIVATE' });
    expect(result.steps[0]!.cause).toBe(`Private DNS gave a public address: ${CREDIT_HOST} resolved to 20.50.2.9. Private DNS is not answering: connect to the VPN.`);
    expect(result.steps.slice(1).map((s) => [s.name, s.skipped])).toEqual([
      ['tcp', true],
      ['tls', true],
      ['http', true],
    ]);
    expect(asked).toBe(0);
  });

  it('jump: a changed host key stops at route with both fingerprints', async () => {
    const expected = `SHA256:${'A'.repeat(43)}`;
    const presented = `SHA256:${'B'.repeat(43)}`;
    const result = await test({ via: 'jump', ensureRoute: () => Promise.reject(new AirlockError('E_HOST_KEY_CHANGED', { details: { host: 'jumpbox', expected, presented } })) });
    expect(result.steps[0]).toMatchObject({ name: 'route', ok: false, code: 'E_HOST_KEY_CHANGED' });
    expect(result.steps[0]!.cause).toContain(expected);
    expect(result.steps[0]!.cause).toContain(presented);
    expect(result.steps[0]!.cause).toMatch(/key changed/);
  });

  it('bastion: a refused token stops at route, in words', async () => {
    const result = await test({ via: 'bastion', ensureRoute: () => Promise.reject(new AirlockError('E_BASTION_REFUSED', { details: { status: 403 } })) });
    expect(result.steps[0]!.cause).toBe('Azure Bastion refused the token (HTTP 403): your account needs the Reader role on the VM, its network interface and the Bastion host.');
  });

  it('TLS name mismatch stops at tls, in words', async () => {
    const result = await test({ via: 'jump', host: MISMATCH_HOST });
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ['route', true],
      ['channel', true],
      ['tls', false],
      ['http', false],
    ]);
    expect(result.steps[2]).toMatchObject({ code: 'E_TLS', cause: `TLS name mismatch: the certificate the endpoint presented is not for ${MISMATCH_HOST}.` });
  });

  it('an endpoint the host does not know answers 404: the http step fails in words', async () => {
    const result = await test({ via: 'jump', host: GHOST_HOST });
    expect(result.steps[3]).toMatchObject({ name: 'http', ok: false, status: 404 });
    expect(result.steps[3]!.cause).toMatch(/404/);
    expect(result.ok).toBe(false);
  });

  it('a host the route cannot reach fails at channel', async () => {
    const result = await test({ via: 'jump', host: 'nothing-ep.westeurope.inference.ml.azure.com' });
    expect(result.steps[1]).toMatchObject({ name: 'channel', ok: false, code: 'E_UNREACHABLE' });
  });

  it('a route that never answers times out at its step', async () => {
    const result = await test({ via: 'bastion', ensureRoute: () => new Promise<RouteConnection>(() => undefined), stepTimeoutMs: 200 });
    expect(result.steps[0]).toMatchObject({ name: 'route', ok: false, code: 'E_TIMEOUT', cause: 'The route step timed out: no answer in time.' });
  });

  it('closes its own stream but never the route', async () => {
    const route = routeFor();
    let closed = 0;
    const watched: RouteConnection = { ...route, openStream: route.openStream.bind(route), close: () => ((closed += 1), Promise.resolve()) };
    const result = await runConnectionTest({ host: CREDIT_HOST, via: 'jump', ensureRoute: () => Promise.resolve(watched), ca });
    expect(result.ok).toBe(true);
    expect(closed).toBe(0);
  });
});
