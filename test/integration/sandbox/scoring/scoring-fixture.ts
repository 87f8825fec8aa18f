// Starts the scoring hosts alone for a test file: test context (controllable clock, fresh state dir),
// private network, endpoint credentials, a stand-in Entra issuer and a manual Sleep. Requests go over real
// HTTPS to 127.0.0.1:<port> with SNI and Host set to the endpoint's public name — as Airlock does through a
// tunnel — verifying the server against the sandbox CA only.
import https from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { rm } from 'node:fs/promises';
import tls from 'node:tls';
import { openEndpointCredentials, type EndpointCredentials } from '../../../../sandbox/endpoint-credentials/endpoint-credentials';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { endpointResourceId, startScoring, type ScoringHosts } from '../../../../sandbox/scoring';
import type { Seed } from '../../../../sandbox/seed/seed-schema';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createTestTokenIssuer, type TestTokenIssuer } from '../../../support/sandbox/test-tokens';
import { createManualSleep, type ManualSleep } from './manual-sleep';

export const REGION_SUFFIX = 'westeurope.inference.ml.azure.com';
export const CREDIT_HOST = `credit-ep.${REGION_SUFFIX}`;
export const CREDIT_AAD_HOST = `credit-aad-ep.${REGION_SUFFIX}`;
export const SENTIMENT_HOST = `sentiment-ep.${REGION_SUFFIX}`;

export const LOW_RISK = { age: 52, income: 95000, debt_ratio: 0.1, credit_lines: 2, late_payments: 0, employment_years: 22 };
export const HIGH_RISK = { age: 22, income: 18000, debt_ratio: 0.9, credit_lines: 9, late_payments: 6, employment_years: 0 };

export interface ScoringResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  json(): unknown;
}

export interface RequestOptions {
  readonly host: string;
  readonly path?: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** SNI name; defaults to `host`. */
  readonly servername?: string;
  /** Trust anchors; defaults to the sandbox CA. */
  readonly ca?: string;
}

export interface ScoringFixture {
  readonly ctx: TestContext;
  readonly scoring: ScoringHosts;
  readonly network: ReturnType<typeof createPrivateNetwork>;
  readonly credentials: EndpointCredentials;
  readonly tokens: TestTokenIssuer;
  readonly clock: ManualSleep;
  endpointId(name: string): string;
  amlToken(endpoint?: string): Promise<string>;
  key(endpoint?: string): string;
  aadToken(username: string, overrides?: { aud?: string }, options?: Parameters<TestTokenIssuer['mint']>[1]): Promise<string>;
  request(options: RequestOptions): Promise<ScoringResponse>;
  score(host: string, bearer: string, body: unknown, headers?: Record<string, string>): Promise<ScoringResponse>;
  /** Sends raw bytes over TLS (SNI = host) and returns everything the server wrote before closing. */
  raw(host: string, bytes: string): Promise<string>;
  /** An open, verified TLS connection to the scoring server (SNI = host), for tests that drop it. */
  open(host: string): Promise<tls.TLSSocket>;
  stop(): Promise<void>;
}

function idsOf(seed: Seed): Map<string, string> {
  const ids = new Map<string, string>();
  for (const s of seed.subscriptions)
    for (const rg of s.resourceGroups)
      for (const ws of rg.workspaces) for (const ep of ws.onlineEndpoints) ids.set(ep.name, endpointResourceId(s.subscriptionId, rg.name, ws.name, ep.name));
  return ids;
}

export async function startScoringFixture(options: { seed?: (seed: Seed) => Seed } = {}): Promise<ScoringFixture> {
  const ctx = await createTestContext(options.seed ? { seed: options.seed } : {});
  const ids = idsOf(ctx.seed);
  const network = createPrivateNetwork();
  const credentials = await openEndpointCredentials({ stateDir: ctx.stateDir, endpointIds: [...ids.values()], now: ctx.now });
  const tokens = await createTestTokenIssuer(ctx.seed.tenant.id, ctx.now);
  const clock = createManualSleep();
  const scoring = await startScoring(ctx, { network, credentials, verifier: tokens.verifier, sleep: clock.sleep });

  const endpointId = (name: string) => {
    const id = ids.get(name);
    if (!id) throw new Error(`no endpoint ${name} in the seed`);
    return id;
  };
  const request = (o: RequestOptions) =>
    new Promise<ScoringResponse>((resolve, reject) => {
      const body = o.body === undefined ? undefined : typeof o.body === 'string' || Buffer.isBuffer(o.body) ? o.body : JSON.stringify(o.body);
      const req = https.request(
        {
          host: '127.0.0.1',
          port: scoring.port,
          servername: o.servername ?? o.host,
          ca: o.ca ?? ctx.ca.certPem,
          method: o.method ?? 'GET',
          path: o.path ?? '/',
          agent: false,
          headers: { Host: o.host, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...o.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    ctx,
    scoring,
    network,
    credentials,
    tokens,
    clock,
    endpointId,
    amlToken: async (endpoint = 'credit-ep') => (await credentials.issueAmlToken(endpointId(endpoint), 'a11ce000-1111-4aaa-8aaa-000000000001')).accessToken,
    key: (endpoint = 'sentiment-ep') => credentials.keysFor(endpointId(endpoint)).primaryKey,
    aadToken: (username, overrides = {}, mintOptions) => {
      const user = ctx.seed.users.find((u) => u.username === username);
      if (!user) throw new Error(`no user ${username}`);
      return tokens.mint({ aud: overrides.aud ?? 'https://ml.azure.com', oid: user.oid, preferred_username: user.username }, mintOptions);
    },
    request,
    score: (host, bearer, body, headers = {}) => request({ host, method: 'POST', path: '/score', body, headers: { authorization: `Bearer ${bearer}`, ...headers } }),
    raw: (host, bytes) =>
      new Promise<string>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: scoring.port, servername: host, ca: ctx.ca.certPem }, () => socket.end(bytes));
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(error)));
      }),
    open: (host) =>
      new Promise<tls.TLSSocket>((resolve, reject) => {
        const socket = tls.connect({ host: '127.0.0.1', port: scoring.port, servername: host, ca: ctx.ca.certPem }, () => resolve(socket));
        socket.on('error', reject);
      }),
    async stop() {
      await scoring.stop();
      await rm(ctx.stateDir, { recursive: true, force: true });
    },
  };
}

export const splitOf = (...rows: Array<Record<string, number>>) => ({
  input_data: { columns: Object.keys(rows[0]!), index: rows.map((_, i) => i), data: rows.map((r) => Object.values(r)) },
});
