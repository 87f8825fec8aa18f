// The Bastion native-client tunnel emulator (azure-wire-format.md §14): token POST with an ARM aztoken,
// websocket tunnel carrying SSH to the jump host (host key pinned), a direct-tcpip to a private service
// through it, DELETE teardown, single-use websocket tokens, and 401s for bad, missing, foreign-audience and
// expired aztokens; Reader on the VM, its NIC and the Bastion host required (403 otherwise); a certificate for
// the Bastion host's dnsName. The clock is the test's; nothing waits on wall time.
import { readFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebSocketStream, WebSocket } from 'ws';
import type { PrivateNetwork } from '../../../../sandbox/context';
import { startBastion, type BastionEmulator } from '../../../../sandbox/network/bastion';
import { bastionAccessCheck } from '../../../../sandbox/network/bastion-access';
import { WEBSOCKET_TOKEN_TTL_MS } from '../../../../sandbox/network/bastion-sessions';
import { startJumpHost, type JumpHost } from '../../../../sandbox/network/jump-host';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { sha256Fingerprint } from '../../../../sandbox/network/ssh-fingerprint';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createTestTokenIssuer, type TestTokenIssuer } from '../../../support/sandbox/test-tokens';
import { privateGet, SCORING_HOST, startStandInService, type StandIn } from './network-fixtures';

const ARM_LEGACY = 'https://management.core.windows.net/';
const ARM = 'https://management.azure.com';
const ALICE = { oid: 'a11ce000-1111-4aaa-8aaa-000000000001', preferred_username: 'alice@contoso.test' };

let ctx: TestContext;
let network: PrivateNetwork;
let standIn: StandIn;
let jumpHost: JumpHost;
let bastion: BastionEmulator;
let issuer: TestTokenIssuer;
const cleanups: Array<() => void> = [];

interface Reply {
  status: number;
  json: Record<string, unknown> | null;
}

function call(method: 'POST' | 'DELETE', path: string, options: { form?: Record<string, string>; nodeId?: string } = {}): Promise<Reply> {
  const body = options.form ? new URLSearchParams(options.form).toString() : '';
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${bastion.endpoint}${path}`,
      {
        method,
        ca: ctx.ca.certPem,
        agent: false,
        headers: {
          ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
          ...(options.nodeId ? { 'X-Node-Id': options.nodeId } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const tokenForm = (aztoken: string, extra: Record<string, string> = {}) => ({
  resourceId: bastion.vmResourceId,
  protocol: 'tcptunnel',
  workloadHostPort: '22',
  aztoken,
  ...extra,
});

async function newTunnelTokens(aud = ARM_LEGACY): Promise<{ authToken: string; nodeId: string; websocketToken: string }> {
  const reply = await call('POST', '/api/tokens', { form: tokenForm(await issuer.mint({ aud, ...ALICE })) });
  expect(reply.status).toBe(200);
  const { authToken, nodeId, websocketToken } = reply.json ?? {};
  if (typeof authToken !== 'string' || typeof nodeId !== 'string' || typeof websocketToken !== 'string') throw new Error('bad token reply');
  return { authToken, nodeId, websocketToken };
}

/** Opens the websocket; resolves with it, or with the HTTP status that refused the upgrade. */
function openWebSocket(websocketToken: string, nodeId: string): Promise<WebSocket | number> {
  const url = `wss://localhost:${bastion.port}/webtunnelv2/${websocketToken}?X-Node-Id=${encodeURIComponent(nodeId)}`;
  const ws = new WebSocket(url, { ca: ctx.ca.certPem, perMessageDeflate: false, origin: `https://localhost:${bastion.port}` });
  cleanups.push(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** SSH over the websocket with ssh2, host key pinned to the jump host's fingerprint. */
async function sshOver(stream: Duplex): Promise<ssh2.Client> {
  const client = new ssh2.Client();
  cleanups.push(() => client.end());
  const privateKey = await readFile(jumpHost.users.find((u) => u.login === 'alice')?.privateKeyPath ?? '', 'utf8');
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve);
    client.once('error', reject);
    client.connect({ sock: stream, username: 'alice', privateKey, hostVerifier: (key: Buffer) => sha256Fingerprint(key) === jumpHost.hostKeySha256 });
  });
  return client;
}

function forward(client: ssh2.Client, host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => (error ? reject(error) : resolve(channel))));
}

beforeAll(async () => {
  ctx = await createTestContext();
  network = createPrivateNetwork();
  issuer = await createTestTokenIssuer(ctx.seed.tenant.id, ctx.now);
  standIn = await startStandInService(ctx, network);
  jumpHost = await startJumpHost(ctx, { network });
  bastion = await startBastion(ctx, { verifier: issuer.verifier, network, jumpHost });
});

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

afterAll(async () => {
  await bastion.stop();
  await jumpHost.stop();
  await standIn.stop();
});

describe('Bastion tunnel emulator', () => {
  it('carries SSH to the jump host and a forward to a private endpoint, then tears down', async () => {
    const tokens = await newTunnelTokens();
    expect(tokens.authToken).not.toBe(tokens.websocketToken);
    const ws = await openWebSocket(tokens.websocketToken, tokens.nodeId);
    if (typeof ws === 'number') throw new Error(`upgrade refused: ${ws}`);
    const client = await sshOver(createWebSocketStream(ws));
    const response = await privateGet({ stream: await forward(client, SCORING_HOST, 443) }, SCORING_HOST, ctx.ca.certPem);
    expect(response.status).toBe(200);
    await expect(forward(client, 'example.com', 443)).rejects.toThrow();

    const closed = new Promise((resolve) => ws.once('close', resolve));
    expect((await call('DELETE', `/api/tokens/${tokens.authToken}`, { nodeId: tokens.nodeId })).status).toBe(204);
    await closed;
    expect((await call('DELETE', `/api/tokens/${tokens.authToken}`, { nodeId: tokens.nodeId })).status).toBe(404);
    expect(await openWebSocket(tokens.websocketToken, tokens.nodeId)).toBe(401);
    expect(JSON.stringify(ctx.events)).not.toContain(tokens.authToken);
    expect(JSON.stringify(ctx.events)).not.toContain(tokens.websocketToken);
  });

  it('accepts the modern ARM audience too, and each websocket token once', async () => {
    const tokens = await newTunnelTokens(ARM);
    const ws = await openWebSocket(tokens.websocketToken, tokens.nodeId);
    expect(ws).toBeInstanceOf(WebSocket);
    expect(await openWebSocket(tokens.websocketToken, tokens.nodeId)).toBe(401);
    expect((await call('DELETE', `/api/tokens/${tokens.authToken}`, { nodeId: tokens.nodeId })).status).toBe(204);
  });

  it('refuses a websocket with another node id, an unknown token, or after the token expired', async () => {
    const tokens = await newTunnelTokens();
    expect(await openWebSocket(tokens.websocketToken, 'some-other-node')).toBe(401);
    expect(await openWebSocket('not-a-token', tokens.nodeId)).toBe(401);
    const late = await newTunnelTokens();
    ctx.advance(WEBSOCKET_TOKEN_TTL_MS + 1000);
    expect(await openWebSocket(late.websocketToken, late.nodeId)).toBe(401);
    expect((await call('DELETE', `/api/tokens/${late.authToken}`, { nodeId: 'wrong-node' })).status).toBe(404);
  });

  it.each([
    ['no aztoken', async () => ''],
    ['a token signed by another key', async () => issuer.mint({ aud: ARM_LEGACY, ...ALICE }, { foreignKey: true })],
    ['a token for the ML audience', async () => issuer.mint({ aud: 'https://ml.azure.com', ...ALICE })],
    ['a token from another issuer', async () => issuer.mint({ aud: ARM_LEGACY, ...ALICE }, { issuer: 'https://login.example.test/x/v2.0' })],
    ['an expired token', async () => issuer.mint({ aud: ARM_LEGACY, ...ALICE }, { expiresInSeconds: -3600 })],
    ['garbage', async () => 'not.a.jwt'],
  ])('answers 401 for %s', async (_case, aztoken) => {
    const form = tokenForm(await aztoken());
    const reply = await call('POST', '/api/tokens', { form: form.aztoken ? form : { ...form, aztoken: '' } });
    expect(reply.status).toBe(401);
    expect(typeof reply.json?.['message']).toBe('string');
  });

  it('requires Reader on the VM, its NIC and the Bastion host: dave (no role) gets 403 and no token', async () => {
    const dave = ctx.seed.users.find((u) => u.username === 'dave@contoso.test')!;
    const carol = ctx.seed.users.find((u) => u.username === 'carol@contoso.test')!;
    const refused = await call('POST', '/api/tokens', { form: tokenForm(await issuer.mint({ aud: ARM_LEGACY, oid: dave.oid, preferred_username: dave.username })) });
    expect(refused.status).toBe(403);
    expect(Object.keys(refused.json ?? {})).toEqual(['message']);
    expect(String(refused.json?.['message'])).toContain('Reader');
    expect(ctx.events).toContainEqual({ event: 'bastion.token.refused', fields: expect.objectContaining({ user: dave.username, reason: 'no Reader on the VM, its NIC and the Bastion host' }) as unknown });
    // Carol reads everything through her subscription Reader (her SSH login is another matter).
    const granted = await call('POST', '/api/tokens', { form: tokenForm(await issuer.mint({ aud: ARM_LEGACY, oid: carol.oid, preferred_username: carol.username })) });
    expect(granted.status).toBe(200);
  });

  it('requires all three: Reader on the VM alone is not enough', async () => {
    const vmOnly = { ...ctx.seed, users: ctx.seed.users.map((u) => (u.username === 'dave@contoso.test' ? { ...u, roles: [{ role: 'Reader' as const, scope: bastion.vmResourceId }] } : u)) };
    const check = bastionAccessCheck(vmOnly);
    const dave = vmOnly.users.find((u) => u.username === 'dave@contoso.test')!;
    expect(check(dave.oid)).toBe(false);
    expect(check(ctx.seed.users.find((u) => u.username === 'alice@contoso.test')!.oid)).toBe(true);
  });

  it('serves its dnsName with a certificate for that name (and localhost still works)', async () => {
    expect(bastion.dnsName).toMatch(/^bst-[0-9a-f-]{36}\.bastion\.sandbox\.test$/);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: bastion.port, servername: bastion.dnsName, headers: { host: bastion.dnsName }, path: '/api/nothing', method: 'DELETE', ca: ctx.ca.certPem, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });

  it('only tunnels to the jumpbox VM on port 22', async () => {
    const aztoken = await issuer.mint({ aud: ARM_LEGACY, ...ALICE });
    const otherVm = bastion.vmResourceId.replace('vm-jumpbox', 'vm-other');
    expect((await call('POST', '/api/tokens', { form: tokenForm(aztoken, { resourceId: otherVm }) })).status).toBe(404);
    expect((await call('POST', '/api/tokens', { form: tokenForm(aztoken, { workloadHostPort: '3389' }) })).status).toBe(403);
    expect((await call('POST', '/api/tokens', { form: tokenForm(aztoken, { protocol: 'rdp' }) })).status).toBe(400);
    expect((await call('POST', '/api/tokens', { form: tokenForm(aztoken, { resourceId: bastion.vmResourceId.toUpperCase() }) })).status).toBe(200);
    expect((await call('POST', '/api/tokens/x', { form: tokenForm(aztoken) })).status).toBe(405);
    expect((await call('DELETE', '/api/nothing')).status).toBe(404);
  });
});
