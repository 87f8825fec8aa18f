// Azure Bastion native-client tunnel emulator (azure-wire-format.md §14, §14.9), HTTPS on loopback with a
// sandbox-CA certificate for localhost/127.0.0.1 and the Bastion host's dnsName (bastion-host.ts). A token
// needs a valid ARM aztoken AND Reader on the VM, its NIC and the Bastion host (bastion-access.ts; 403):
//   POST   /api/tokens                 form: resourceId, protocol=tcptunnel, workloadHostPort, aztoken[, token]
//   GET    /webtunnelv2/{wsToken}?X-Node-Id=…   websocket upgrade → raw TCP to the jump host's SSH port
//   DELETE /api/tokens/{authToken}     header X-Node-Id → 204, or 404 when unknown
// The only target is the jumpbox VM (jumpbox-vm.ts) on port 22. It never logs form bodies, tokens or
// websocket URLs, and never connects anywhere but the jump host.
import { createServer, type Server } from 'node:https';
import { trackServer } from '../server-sockets';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccessTokenVerifier, PrivateNetwork, RunningPart, SandboxContext, VerifiedAccessToken } from '../context';
import { BASTION_ACCESS_REFUSED, bastionAccessCheck } from './bastion-access';
import { bastionHost } from './bastion-host';
import { HttpError, readForm, sendError, sendJson } from './bastion-http';
import { createBastionSessions } from './bastion-sessions';
import { openTunnel } from './bastion-tunnel';
import type { JumpHost } from './jump-host';
import { jumpboxVm, sameResourceId } from './jumpbox-vm';

/** The audiences a Bastion aztoken may carry: the CLI's legacy ARM resource (§15) and the modern one. */
export const BASTION_AZTOKEN_AUDIENCES = ['https://management.core.windows.net/', 'https://management.azure.com'] as const;

export interface BastionEmulator extends RunningPart {
  /** `https://localhost:PORT` (the `properties.dnsName` a client would use, with the port). */
  readonly endpoint: string;
  readonly port: number;
  /** The ARM id of the only tunnel target, the jumpbox VM (its SSH port 22 is the jump host). */
  readonly vmResourceId: string;
  /** The Bastion host's `properties.dnsName` (bastion-host.ts); the certificate covers it as well as localhost. */
  readonly dnsName: string;
}

export interface BastionOptions {
  readonly verifier: AccessTokenVerifier;
  readonly network: PrivateNetwork;
  readonly jumpHost: Pick<JumpHost, 'port'>;
  readonly port?: number;
}

const TOKENS_PATH = '/api/tokens';
/** Tokens are base64url; anything that does not decode is simply not a token. */
const parseUrl = (raw: string | undefined): URL | null => {
  try {
    return new URL(raw ?? '/', 'https://localhost');
  } catch {
    return null;
  }
};
const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
};
const TUNNEL_PREFIX = '/webtunnelv2/';

async function verifyArmToken(verifier: AccessTokenVerifier, aztoken: string): Promise<{ ok: true; token: VerifiedAccessToken } | { ok: false; reason: string }> {
  let reason = 'missing';
  for (const audience of BASTION_AZTOKEN_AUDIENCES) {
    const result = await verifier.verify(aztoken, audience);
    if (result.ok) return result;
    reason = result.rejection.reason;
  }
  return { ok: false, reason };
}

function rejectUpgrade(socket: Duplex, status: 401 | 404, text: string): void {
  const body = JSON.stringify({ message: text });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function startBastion(ctx: SandboxContext, options: BastionOptions): Promise<BastionEmulator> {
  const vm = jumpboxVm(ctx.seed);
  const sessions = createBastionSessions(ctx.now);
  const sockets = new Set<WebSocket>();
  const { dnsName } = bastionHost(ctx.seed);
  const mayTunnel = bastionAccessCheck(ctx.seed);
  const { keyPem, certPem } = await ctx.ca.issue({ dnsNames: ['localhost', dnsName], ipAddresses: ['127.0.0.1'] });

  async function postToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const aztoken = form.get('aztoken') ?? '';
    if (!aztoken) throw new HttpError(401, 'aztoken is required.');
    const verified = await verifyArmToken(options.verifier, aztoken);
    if (!verified.ok) {
      ctx.log('bastion.token.refused', { reason: verified.reason });
      throw new HttpError(401, 'The aztoken is not a valid Azure Resource Manager access token.');
    }
    const user = verified.token.preferredUsername ?? verified.token.oid;
    if (form.get('protocol') !== 'tcptunnel') throw new HttpError(400, "Only protocol 'tcptunnel' is supported.");
    if (form.has('hostname')) throw new HttpError(400, 'IP-based connection is not enabled on this Bastion.');
    const resourceId = form.get('resourceId') ?? '';
    if (!sameResourceId(resourceId, vm.resourceId)) {
      ctx.log('bastion.token.refused', { user, reason: 'unknown target resource' });
      throw new HttpError(404, 'The target resource was not found in the Bastion virtual network.');
    }
    if (form.get('workloadHostPort') !== String(vm.sshPort)) {
      ctx.log('bastion.token.refused', { user, reason: 'port not allowed', port: (form.get('workloadHostPort') ?? '').slice(0, 8) });
      throw new HttpError(403, `Only port ${vm.sshPort} of the target is reachable through this Bastion.`);
    }
    if (!mayTunnel(verified.token.oid)) {
      ctx.log('bastion.token.refused', { user, reason: 'no Reader on the VM, its NIC and the Bastion host' });
      throw new HttpError(403, BASTION_ACCESS_REFUSED);
    }
    const loopbackPort = options.network.route(vm.hostname, vm.sshPort)?.port ?? options.jumpHost.port;
    const previousToken = form.get('token');
    const nodeHeader = req.headers['x-node-id'];
    const issued = sessions.issue({
      user,
      loopbackPort,
      ...(previousToken ? { previous: { authToken: previousToken, nodeId: typeof nodeHeader === 'string' ? nodeHeader : undefined } } : {}),
    });
    ctx.log('bastion.token.issued', { user, resourceId: vm.resourceId, port: vm.sshPort });
    sendJson(res, 200, { authToken: issued.authToken, username: '', dataSource: '', nodeId: issued.nodeId, availableDataSources: [], websocketToken: issued.websocketToken });
  }

  function deleteToken(req: IncomingMessage, res: ServerResponse, authToken: string): void {
    const nodeId = req.headers['x-node-id'];
    if (!sessions.remove(decodeSegment(authToken), typeof nodeId === 'string' ? nodeId : null)) throw new HttpError(404, 'Session already deleted.');
    ctx.log('bastion.session.deleted', {});
    res.writeHead(204).end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseUrl(req.url);
    if (!url) throw new HttpError(400, 'Bad request.');
    const pathname = url.pathname.toLowerCase();
    if (pathname === TOKENS_PATH) {
      if (req.method !== 'POST') throw new HttpError(405, 'Method not allowed.');
      return postToken(req, res);
    }
    if (pathname.startsWith(`${TOKENS_PATH}/`) && pathname.length > TOKENS_PATH.length + 1) {
      if (req.method !== 'DELETE') throw new HttpError(405, 'Method not allowed.');
      return deleteToken(req, res, url.pathname.slice(TOKENS_PATH.length + 1));
    }
    throw new HttpError(404, 'Not found.');
  }

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
  const server: Server = createServer({ key: keyPem, cert: certPem, minVersion: 'TLSv1.2' }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) sendError(res, error.status, error.message);
      else {
        ctx.log('bastion.error', { error: error instanceof Error ? error.name : 'error' });
        sendError(res, 500, 'Internal error.');
      }
    });
  });
  const tracked = trackServer(server);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = parseUrl(req.url);
    if (!url?.pathname.toLowerCase().startsWith(TUNNEL_PREFIX)) return rejectUpgrade(socket, 404, 'Not found.');
    const redeemed = sessions.redeem(decodeSegment(url.pathname.slice(TUNNEL_PREFIX.length)), url.searchParams.get('X-Node-Id'));
    if (!redeemed.ok) {
      ctx.log('bastion.tunnel.refused', { reason: redeemed.reason });
      return rejectUpgrade(socket, 401, 'Unauthorized.');
    }
    const { session } = redeemed;
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ctx.log('bastion.tunnel.opened', { user: session.user });
      const close = openTunnel(ws, session.loopbackPort, () => {
        sockets.delete(ws);
        session.tunnels.delete(close);
        ctx.log('bastion.tunnel.closed', { user: session.user });
      });
      session.tunnels.add(close);
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: ctx.host, port: options.port ?? 0 }, () => {
      server.off('error', reject);
      const address = server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('bastion has no port'));
    });
  });
  ctx.log('bastion.started', { port, target: vm.resourceId });

  let stopping: Promise<void> | undefined;
  return {
    name: 'bastion',
    endpoint: `https://localhost:${port}`,
    port,
    vmResourceId: vm.resourceId,
    dnsName,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        sessions.closeAll();
        for (const ws of sockets) ws.terminate();
        wss.close();
        void tracked.close().then(resolve);
      });
      return stopping;
    },
  };
}
