// The Bastion tunnel against the sandbox's Bastion emulator (served at https://localhost:PORT with a sandbox-CA
// certificate for localhost, reached through the sandbox connector that maps localhost:443 to that port):
// token exchange with a legacy-audience ARM token, the WebSocket as a Duplex carrying SSH to the jump host
// (host key pinned) and a forward to a private service, DELETE on close and closeAll, refusals typed, TLS
// verified against the Bastion's name, a drop as E_ROUTE_DROPPED, and no token in any log or error.
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBastionHttps, type BastionHttpsSend } from '../../../../electron/services/routes/bastion/bastion-https';
import { deleteTunnelTokens, type TunnelTokens } from '../../../../electron/services/routes/bastion/bastion-tokens';
import { createBastionTunnels, type BastionTunnels } from '../../../../electron/services/routes/bastion/bastion-tunnels';
import { openTunnelWebSocket } from '../../../../electron/services/routes/bastion/tunnel-websocket';
import { createSandboxConnector } from '../../../../electron/services/routes/connector/sandbox-connector';
import { systemScheduler } from '../../../../electron/services/ports';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { PrivateNetwork } from '../../../../sandbox/context';
import { startBastion, type BastionEmulator } from '../../../../sandbox/network/bastion';
import { startJumpHost, type JumpHost } from '../../../../sandbox/network/jump-host';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { sha256Fingerprint } from '../../../../sandbox/network/ssh-fingerprint';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createTestTokenIssuer, type TestTokenIssuer } from '../../../support/sandbox/test-tokens';
import { capturingLogger } from '../../../support/test-airlock';
import { privateGet, SCORING_HOST, startStandInService, type StandIn } from '../../sandbox/network/network-fixtures';

const LEGACY_SCOPE = 'https://management.core.windows.net//.default';
const ALICE = { oid: 'a11ce000-1111-4aaa-8aaa-000000000001', preferred_username: 'alice@contoso.test' };
const DNS = 'localhost';

let ctx: TestContext;
let network: PrivateNetwork;
let standIn: StandIn;
let jumpHost: JumpHost;
let bastion: BastionEmulator;
let issuer: TestTokenIssuer;
const logs = capturingLogger();
/** Every secret this file saw (aztokens minted, tokens Bastion issued): none may reach a log or an error. */
const secrets = new Set<string>();
const errors: unknown[] = [];
const cleanups: Array<() => void | Promise<void>> = [];
const scopes: string[] = [];

function connectorFor(port: number, name = DNS) {
  return createSandboxConnector({ servicePorts: { [`${name}:443`]: port }, scheduler: systemScheduler });
}

/** The HTTPS port, remembering the tokens Bastion hands out (for the leak scan). */
function recordingHttps(send: BastionHttpsSend): BastionHttpsSend {
  return async (dnsName, req) => {
    const response = await send(dnsName, req);
    try {
      const json = JSON.parse(response.text) as Partial<TunnelTokens>;
      for (const value of [json.authToken, json.websocketToken]) if (typeof value === 'string') secrets.add(value);
    } catch {
      // not JSON
    }
    return response;
  };
}

function tunnels(options: { port?: number; caPem?: string | undefined; name?: string; aud?: string; foreignKey?: boolean } = {}): BastionTunnels {
  const connector = connectorFor(options.port ?? bastion.port, options.name);
  const caPem = 'caPem' in options ? options.caPem : ctx.ca.certPem;
  const made = createBastionTunnels({
    connector,
    caPem,
    https: recordingHttps(createBastionHttps({ connector, caPem })),
    legacyScope: LEGACY_SCOPE,
    logger: logs,
    armToken: async (scope) => {
      scopes.push(scope);
      const token = await issuer.mint({ aud: options.aud ?? 'https://management.core.windows.net/', ...ALICE }, options.foreignKey ? { foreignKey: true } : {});
      secrets.add(token);
      return token;
    },
  });
  cleanups.push(() => made.closeAll());
  return made;
}

const target = (vmPort = 22, dnsName = DNS) => ({ dnsName, vmResourceId: bastion.vmResourceId, vmPort });

async function refusal(run: Promise<unknown>): Promise<AirlockError> {
  try {
    await run;
  } catch (thrown) {
    errors.push(thrown);
    if (thrown instanceof AirlockError) return thrown;
    throw thrown;
  }
  throw new Error('expected a refusal');
}

async function sshOver(stream: Duplex): Promise<ssh2.Client> {
  const client = new ssh2.Client();
  cleanups.push(() => void client.end());
  const privateKey = await readFile(jumpHost.users.find((u) => u.login === 'alice')?.privateKeyPath ?? '', 'utf8');
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve);
    client.once('error', reject);
    client.connect({ sock: stream, username: 'alice', privateKey, hostVerifier: (key: Buffer) => sha256Fingerprint(key) === jumpHost.hostKeySha256 });
  });
  return client;
}

const forward = (client: ssh2.Client, host: string, port: number) =>
  new Promise<Duplex>((resolve, reject) => client.forwardOut('127.0.0.1', 0, host, port, (error, channel) => (error ? reject(error) : resolve(channel))));

const firstBytes = (stream: Duplex) => new Promise<Buffer>((resolve, reject) => {
  stream.once('data', resolve);
  stream.once('error', reject);
});

beforeAll(async () => {
  ctx = await createTestContext();
  network = createPrivateNetwork();
  issuer = await createTestTokenIssuer(ctx.seed.tenant.id, ctx.now);
  standIn = await startStandInService(ctx, network);
  jumpHost = await startJumpHost(ctx, { network });
  bastion = await startBastion(ctx, { verifier: issuer.verifier, network, jumpHost });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await bastion?.stop();
  await jumpHost?.stop();
  await standIn?.stop();
});

describe('Bastion tunnel against the sandbox Bastion', () => {
  it('carries SSH to the jump VM over one tunnel, then DELETEs the session on close', async () => {
    const made = tunnels();
    const tunnel = await made.open(target());
    expect(scopes.at(-1)).toBe(LEGACY_SCOPE);
    const client = await sshOver(tunnel.stream);
    const response = await privateGet({ stream: await forward(client, SCORING_HOST, 443) }, SCORING_HOST, ctx.ca.certPem);
    expect(response.status).toBe(200);
    // Two streams over the same tunnel (one SSH connection carries all of them).
    expect((await privateGet({ stream: await forward(client, SCORING_HOST, 443) }, SCORING_HOST, ctx.ca.certPem)).status).toBe(200);
    expect(made.openCount).toBe(1);
    await tunnel.close();
    expect(made.openCount).toBe(0);
    expect(logs.entries.some((e) => e.event === 'bastion.session.ended' && e.fields?.['outcome'] === 'deleted')).toBe(true);
  });

  it('ends the session once when the stream ends (our side closes, the jump host connection closes)', async () => {
    const made = tunnels();
    const tunnel = await made.open(target());
    expect((await firstBytes(tunnel.stream)).toString('latin1')).toMatch(/^SSH-2\.0-/);
    const closed = new Promise((resolve) => tunnel.stream.once('close', resolve));
    tunnel.stream.end(); // our side ends: the WebSocket closes, Bastion closes the jump host connection
    tunnel.stream.resume();
    await closed;
    await tunnel.close();
    const ended = logs.entries.filter((e) => e.event === 'bastion.session.ended');
    expect(ended.at(-1)?.fields?.['outcome']).toBe('deleted');
    expect(made.openCount).toBe(0);
  });

  it('closeAll DELETEs every open tunnel (quit)', async () => {
    const made = tunnels();
    const first = await made.open(target());
    const second = await made.open(target());
    expect(made.openCount).toBe(2);
    const closed = Promise.all([first, second].map((t) => new Promise((resolve) => t.stream.once('close', resolve))));
    await made.closeAll();
    await closed;
    expect(made.openCount).toBe(0);
  });

  it('a DELETE of a session Bastion no longer has is "already gone"', async () => {
    const connector = connectorFor(bastion.port);
    const https = createBastionHttps({ connector, caPem: ctx.ca.certPem });
    await expect(deleteTunnelTokens(https, DNS, { authToken: 'no-such-session', nodeId: 'n', websocketToken: 'w' })).resolves.toBe('already-gone');
  });

  it('refuses a token Bastion does not accept (401) and a port it does not allow (403) as E_BASTION_REFUSED', async () => {
    const foreign = await refusal(tunnels({ foreignKey: true }).open(target()));
    expect(foreign).toMatchObject({ code: 'E_BASTION_REFUSED', details: { status: 401, host: DNS } });
    expect(foreign.message).toMatch(/not a valid Azure Resource Manager access token/);
    const port = await refusal(tunnels().open(target(3389)));
    expect(port).toMatchObject({ code: 'E_BASTION_REFUSED', details: { status: 403, host: DNS } });
  });

  it('refuses a WebSocket with tokens Bastion did not issue as E_BASTION_REFUSED 401', async () => {
    const error = await refusal(openTunnelWebSocket({ connector: connectorFor(bastion.port), caPem: ctx.ca.certPem }, DNS, { authToken: 'a', nodeId: 'n', websocketToken: 'PLANTEDBOGUSWSTOKEN' }));
    expect(error).toMatchObject({ code: 'E_BASTION_REFUSED', details: { status: 401 } });
    expect(JSON.stringify(error.toShape())).not.toContain('PLANTEDBOGUSWSTOKEN');
  });

  it('verifies TLS against the Bastion name with the environment CA: no CA, or a certificate for another name, is E_TLS', async () => {
    expect(await refusal(tunnels({ caPem: undefined }).open(target()))).toMatchObject({ code: 'E_TLS' });
    const otherName = 'bst-00000000-0000-4000-8000-000000000000.bastion.sandbox.test';
    expect(await refusal(tunnels({ name: otherName }).open(target(22, otherName)))).toMatchObject({ code: 'E_TLS' });
  });

  it('never dials a name the sandbox does not play', async () => {
    const error = await refusal(tunnels({ name: 'elsewhere.test' }).open(target(22, 'bst.bastion.azure.com')));
    expect(error).toMatchObject({ code: 'E_UNREACHABLE' });
  });

  it('fails E_ROUTE_DROPPED when the connection under the WebSocket goes away mid-stream (no close frame)', async () => {
    const sockets: Duplex[] = [];
    const connector = connectorFor(bastion.port);
    const dropping = { connect: async (host: string, port: number, signal?: AbortSignal) => {
      const socket = await connector.connect(host, port, signal);
      sockets.push(socket);
      return socket;
    } };
    const made = createBastionTunnels({
      connector: dropping,
      caPem: ctx.ca.certPem,
      https: recordingHttps(createBastionHttps({ connector, caPem: ctx.ca.certPem })),
      legacyScope: LEGACY_SCOPE,
      logger: logs,
      armToken: async () => {
        const token = await issuer.mint({ aud: 'https://management.core.windows.net/', ...ALICE });
        secrets.add(token);
        return token;
      },
    });
    cleanups.push(() => made.closeAll());
    const tunnel = await made.open(target());
    await firstBytes(tunnel.stream);
    const failed = new Promise<unknown>((resolve) => tunnel.stream.once('error', resolve));
    sockets.at(-1)?.destroy();
    const error = await failed;
    errors.push(error);
    expect(error).toMatchObject({ code: 'E_ROUTE_DROPPED', details: { via: 'bastion' } });
    await tunnel.close();
    expect(made.openCount).toBe(0);
  });

  it('never logged or put in an error any token, form or WebSocket URL', () => {
    expect(secrets.size).toBeGreaterThan(4);
    const seen = JSON.stringify([logs.entries, errors.map((e) => (e instanceof AirlockError ? e.toShape() : String(e)))]);
    for (const secret of secrets) expect(seen).not.toContain(secret);
    expect(seen).not.toMatch(/webtunnelv2|eyJ/);
  });
});
