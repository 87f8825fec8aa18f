// The scoring benches' pieces: the sandbox scoring server alone (with an AML token for credit-ep), a request
// body that carries a unique id (the request number is folded into the rows and sent as
// x-ms-client-request-id, which the server echoes) with the answer the credit model must give for exactly
// that body, a direct HTTPS client straight to the scoring server's loopback port (SNI and Host = the
// endpoint's real name, sandbox CA, keep-alive), and Airlock's data-plane client over a route.
// Debian's sshd cannot resolve sandbox names, so the route handed to the client maps the one scoring host to
// the scoring server's loopback port (what the private network publishes) inside openStream; TLS on top is
// still verified against the real name. Nothing here dials anything but 127.0.0.1.
import https from 'node:https';
import { createEnvironmentTrust, createRouteHttpClient, type RouteConnection, type RouteHttpClient } from '../../electron/services/routes';
import { probabilityOfDefault } from '../../sandbox/scoring/models/credit-risk';
import { CREDIT_HOST, startScoringFixture, type ScoringFixture } from '../../test/integration/sandbox/scoring/scoring-fixture';

export { CREDIT_HOST };

/** The scoring server with credit-ep sized for concurrency 50 (the default seed's 1 request per instance would answer 429). */
export function startBenchScoring(): Promise<ScoringFixture> {
  return startScoringFixture({
    seed: (seed) => {
      for (const s of seed.subscriptions)
        for (const rg of s.resourceGroups)
          for (const ws of rg.workspaces)
            for (const ep of ws.onlineEndpoints) if (ep.name === 'credit-ep') for (const d of ep.deployments) Object.assign(d, { maxConcurrentRequestsPerInstance: 64 });
      return seed;
    },
  });
}

export interface ScoringCall {
  readonly id: string;
  readonly body: string;
  /** The exact JSON the model answers for this body. */
  readonly expected: string;
}

export function scoringCall(n: number): ScoringCall {
  const rows = Array.from({ length: (n % 8) + 1 }, (_, k) => [18 + (n % 60), 20_000 + n, (k + 1) / 20, k, (n >> 3) % 5, n % 30]);
  const body = JSON.stringify({ input_data: { columns: ['age', 'income', 'debt_ratio', 'credit_lines', 'late_payments', 'employment_years'], index: rows.map((_, i) => i), data: rows } });
  return { id: `bench-${n}`, body, expected: JSON.stringify(rows.map(probabilityOfDefault)) };
}

export interface ScoringAnswer {
  readonly status: number;
  readonly echoedId: string | undefined;
  readonly body: string;
}

/** Straight to the scoring server's loopback port (or another loopback `port` that forwards to it, e.g. ssh -L) over TLS for the real name, kept alive like Airlock's pool. */
export function directScoring(fx: ScoringFixture, token: string, maxSockets = 16, port = fx.scoring.port): { score: (call: ScoringCall) => Promise<ScoringAnswer>; close: () => void } {
  return directScoringTo({ port, caPem: fx.ctx.ca.certPem }, token, maxSockets);
}

/** directScoring to any scoring server: its loopback port and the CA that signs its certificate. */
export function directScoringTo(server: { readonly port: number; readonly caPem: string }, token: string, maxSockets = 16): { score: (call: ScoringCall) => Promise<ScoringAnswer>; close: () => void } {
  const { port, caPem } = server;
  const agent = new https.Agent({ keepAlive: true, maxSockets });
  const score = (call: ScoringCall) =>
    new Promise<ScoringAnswer>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port,
          servername: CREDIT_HOST,
          ca: caPem,
          method: 'POST',
          path: '/score',
          agent,
          headers: { host: CREDIT_HOST, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-ms-client-request-id': call.id },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, echoedId: res.headers['x-ms-client-request-id'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(call.body);
    });
  return { score, close: () => agent.destroy() };
}

/** `connection` with the scoring host's streams sent to the scoring server's loopback port (cached per connection: the client keys its pools on identity). */
export function scoringHostOnLoopback(fx: ScoringFixture): (connection: RouteConnection) => RouteConnection {
  const mapped = new WeakMap<RouteConnection, RouteConnection>();
  return (connection) => {
    let wrapped = mapped.get(connection);
    if (!wrapped) {
      wrapped = {
        get target() {
          return connection.target;
        },
        get bytes() {
          return connection.bytes;
        },
        openStream: (host, port, signal) => (host === CREDIT_HOST && port === 443 ? connection.openStream('127.0.0.1', fx.scoring.port, signal) : Promise.reject(new Error(`the bench maps only ${CREDIT_HOST}:443`))),
        probe: (signal) => connection.probe(signal),
        close: () => connection.close(),
        onDrop: (listener) => connection.onDrop(listener),
      };
      mapped.set(connection, wrapped);
    }
    return wrapped;
  };
}

export function airlockScoring(fx: ScoringFixture, token: string, route: () => RouteConnection | null): { client: RouteHttpClient; score: (call: ScoringCall) => Promise<ScoringAnswer> } {
  const client = createRouteHttpClient({ environment: { id: 'Sandbox', caCertPath: fx.ctx.ca.certPath }, trust: createEnvironmentTrust(), route: () => route(), via: 'jump' });
  return {
    client,
    async score(call) {
      const answer = await client.request({
        url: `https://${CREDIT_HOST}/score`,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-ms-client-request-id': call.id },
        body: call.body,
      });
      return { status: answer.status, echoedId: answer.headers['x-ms-client-request-id'], body: answer.body.toString('utf8') };
    },
  };
}

/** True when the answer is this call's own: 200, its id echoed, and the model's exact answer for its body. */
export function answerIsOwn(call: ScoringCall, answer: ScoringAnswer): boolean {
  return answer.status === 200 && answer.echoedId === call.id && answer.body === call.expected;
}
