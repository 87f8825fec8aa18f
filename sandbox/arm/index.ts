// The ARM control-plane emulator for Microsoft.MachineLearningServices: an HTTPS server on 127.0.0.1 with
// a leaf certificate (DNS:localhost, IP:127.0.0.1) from the sandbox CA, serving the seed read-only to the
// real @azure/arm-machinelearning client. It never binds anything but loopback, never disables TLS
// verification and never imports from electron/, renderer/ or shared/.
import { createServer, type Server } from 'node:https';
import { trackServer } from '../server-sockets';
import type { Socket } from 'node:net';
import type { AccessTokenVerifier, RunningPart, SandboxContext } from '../context';
import type { EndpointCredentials } from '../endpoint-credentials/endpoint-credentials';
import { ArmError, errorBody } from './arm-error';
import type { ScoringUri } from './endpoint-shapes';
import { handleRequest, MAX_HEADER_COUNT, type Pipeline } from './handle-request';
import { createReadQuota } from './rate-limiter';
import { createRbac } from './rbac';
import { indexSeed } from './resource-index';
import { baseHeaders, requestIds } from './response-headers';

export { onlineEndpointIds, onlineEndpointId, workspaceId } from './resource-index';
export type { ScoringUri } from './endpoint-shapes';

export interface ArmEmulator extends RunningPart {
  /** `https://localhost:PORT` */
  readonly endpoint: string;
  readonly port: number;
}

export interface ArmDependencies {
  readonly verifier: AccessTokenVerifier;
  readonly credentials: EndpointCredentials;
  /** e.g. (ws, ep) => `https://${ep.name}.${ws.location}.inference.ml.azure.com/score` */
  readonly scoringUri: ScoringUri;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /**
   * IdP authority named in WWW-Authenticate `authorization_uri` (e.g. `https://localhost:PORT/<tenant>`; claims
   * challenges append `/oauth2/authorize`); omitted when absent.
   */
  readonly authority?: string;
}

const MAX_HEADER_BYTES = 16 * 1024;

/** Answers a connection-level parse failure (header flood, garbage) with an ARM envelope, then closes. */
function answerClientError(pipeline: Pipeline, error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'RequestHeaderFieldsTooLarge', `The request headers exceed ${MAX_HEADER_BYTES} bytes.`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'RequestTimeout', 'The request was not received in time.']
        : [400, 'BadRequest', 'The request could not be parsed as HTTP/1.1.'];
  const ids = requestIds({});
  const now = pipeline.svc.now();
  const body = JSON.stringify(errorBody(new ArmError(status, code, message, { gateway: true }), { ...ids, region: pipeline.region, now }));
  const headers = { ...baseHeaders(ids, pipeline.region, now), 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  socket.end(`HTTP/1.1 ${status} ${code}\r\n${head}\r\n\r\n${body}`);
  pipeline.log('arm.client-error', { status, code: error.code ?? 'unknown' });
}

export async function startArm(ctx: SandboxContext, deps: ArmDependencies): Promise<ArmEmulator> {
  const { seed } = ctx;
  const region = (seed.subscriptions[0]?.resourceGroups[0]?.location ?? 'westeurope').toUpperCase();
  const leaf = await ctx.ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  let port = 0;
  const pipeline: Pipeline = {
    svc: { seed, index: indexSeed(seed), rbac: createRbac(seed), credentials: deps.credentials, scoringUri: deps.scoringUri, now: ctx.now, authority: deps.authority },
    auth: { verifier: deps.verifier, tenantId: seed.tenant.id, authority: deps.authority, now: ctx.now },
    quota: createReadQuota(seed.arm.readsPerMinute, ctx.now),
    region,
    fallbackOrigin: () => `https://127.0.0.1:${port}`,
    log: (event, fields) => ctx.log(event, fields),
  };

  const server: Server = createServer({
    key: leaf.keyPem,
    cert: leaf.certPem,
    maxHeaderSize: MAX_HEADER_BYTES,
    requestTimeout: 30_000,
    headersTimeout: 15_000,
    keepAliveTimeout: 5_000,
    // A header flood truncated at maxHeadersCount may lose Host; answer it with our own 431, not Node's bare 400.
    requireHostHeader: false,
  });
  const tracked = trackServer(server);
  server.maxHeadersCount = MAX_HEADER_COUNT;
  server.on('request', (req, res) => {
    handleRequest(pipeline, req, res).catch(() => res.destroy());
  });
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => answerClientError(pipeline, error, socket));
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port ?? 0, ctx.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  ctx.log('arm.started', { port });

  return {
    name: 'arm',
    endpoint: `https://localhost:${port}`,
    port,
    stop: () => tracked.close(),
  };
}
