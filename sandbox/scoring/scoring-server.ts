// startScoring: ONE HTTPS server on loopback that plays every online endpoint's scoring host. The TLS
// certificate is chosen by SNI (one wildcard per region, `*.<region>.inference.ml.azure.com`, from the
// sandbox CA), the endpoint by the Host header. Each host is published on the private network as
// `<host>:443` → this server's port, with the private-link CNAME. Header floods and unparsable requests get
// a JSON error from the parser hook; nothing a client sends may crash the process.
// It must never listen beyond loopback nor serve a certificate from anywhere but the sandbox CA.
import { once } from 'node:events';
import { trackServer } from '../server-sockets';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import type { AccessTokenVerifier, PrivateNetwork, RunningPart, SandboxContext } from '../context';
import type { EndpointCredentials } from '../endpoint-credentials/endpoint-credentials';
import { buildCatalog, type ScoringEndpoint } from './catalog';
import { regionOfHostname, regionWildcard } from './endpoint-id';
import { endpointState, type EndpointState } from './endpoint-state';
import { handleRequest } from './handle-request';
import { createPendingRequests } from './pending-requests';
import { rawErrorResponse } from './responses';
import { realSleep, type Sleep } from './sleep';

export interface ScoringDeps {
  readonly network: PrivateNetwork;
  readonly credentials: EndpointCredentials;
  /** Verifies Entra access tokens (AADToken endpoints). */
  readonly verifier: AccessTokenVerifier;
  /** The stand-in Entra authority, named in a claims challenge (AADToken endpoints of a workspace with an auth context). */
  readonly authority?: string;
  /** Loopback port; 0 or absent picks a free one. */
  readonly port?: number;
  /** How simulated model latency and request timeouts pass; tests inject a manual one. Default: setTimeout. */
  readonly sleep?: Sleep;
}

export interface ScoringHost {
  readonly endpoint: string;
  readonly endpointId: string;
  readonly authMode: ScoringEndpoint['authMode'];
  readonly hostname: string;
  readonly cname: string;
  readonly scoringUri: string;
  readonly swaggerUri: string;
}

export interface ScoringHosts extends RunningPart {
  readonly port: number;
  readonly hosts: readonly ScoringHost[];
}

/** Server-side limits: Node's parser answers header floods past this with 431 (via clientError). */
export const MAX_HEADER_BYTES = 16 * 1024;

function onClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const response =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? rawErrorResponse(431, 'RequestHeaderFieldsTooLarge', `Request headers exceed ${MAX_HEADER_BYTES} bytes.`)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? rawErrorResponse(408, 'RequestTimeout', 'The request was not received in time.')
        : rawErrorResponse(400, 'BadRequest', 'The request could not be parsed as HTTP/1.1.');
  socket.end(response);
}

export async function startScoring(ctx: SandboxContext, deps: ScoringDeps): Promise<ScoringHosts> {
  const catalog = buildCatalog(ctx.seed);
  const regions = [...new Set(catalog.map((e) => e.region))];
  const contexts = new Map<string, tls.SecureContext>();
  const issued = await Promise.all(regions.map(async (region) => ({ region, cert: await ctx.ca.issue({ dnsNames: [regionWildcard(region)] }) })));
  for (const { region, cert } of issued) contexts.set(region, tls.createSecureContext({ key: cert.keyPem, cert: cert.certPem, minVersion: 'TLSv1.2' }));
  // With no endpoints at all the server still needs a certificate; it then answers 404 to everything.
  const fallback = issued[0]?.cert ?? (await ctx.ca.issue({ dnsNames: [regionWildcard('westeurope')] }));

  const endpoints = new Map<string, EndpointState>(catalog.map((e) => [e.hostname, endpointState(e)]));
  const shutdown = new AbortController();
  const requestDeps = {
    ctx,
    auth: { ctx, credentials: deps.credentials, verifier: deps.verifier, ...(deps.authority ? { authority: deps.authority } : {}) },
    endpoints,
    pending: createPendingRequests(),
    sleep: deps.sleep ?? realSleep,
    shutdown: shutdown.signal,
  };
  const server = https.createServer(
    {
      key: fallback.keyPem,
      cert: fallback.certPem,
      minVersion: 'TLSv1.2',
      maxHeaderSize: MAX_HEADER_BYTES,
      requestTimeout: 60_000,
      headersTimeout: 20_000,
      SNICallback: (servername, callback) => {
        const region = regionOfHostname(servername);
        // Unknown names get the default certificate, which the client's name check then rejects.
        callback(null, (region && contexts.get(region)) || undefined);
      },
    },
    (req, res) => handleRequest(req, res, requestDeps),
  );
  server.on('clientError', onClientError);
  server.on('tlsClientError', (error: Error & { code?: string }) => ctx.log('scoring.tls_error', { code: error.code ?? error.name }));

  const tracked = trackServer(server);
  server.listen(deps.port ?? 0, ctx.host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  const hosts = catalog.map((e) => {
    deps.network.publish({ hostname: e.hostname, port: 443, loopbackPort: port, cname: e.cname, addressGroup: e.workspaceId });
    return {
      endpoint: e.name,
      endpointId: e.endpointId,
      authMode: e.authMode,
      hostname: e.hostname,
      cname: e.cname,
      scoringUri: `https://${e.hostname}/score`,
      swaggerUri: `https://${e.hostname}/swagger.json`,
    };
  });
  ctx.log('scoring.started', { port, endpoints: hosts.length, regions: regions.length });

  return {
    name: 'scoring',
    port,
    hosts,
    async stop() {
      shutdown.abort();
      await tracked.close();
      ctx.log('scoring.stopped', {});
    },
  };
}
