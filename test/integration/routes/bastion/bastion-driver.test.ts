// The Bastion route's driver over the sandbox's Bastion (its certificate covers the sandbox dnsName, reached
// through the sandbox connector's servicePorts) and jump host, with ARM's bastionHosts answer played by a fake
// ARM port: one SSH connection (host key pinned) over one tunnel carries several streams to a private service;
// close() ends SSH and DELETEs the Bastion session; a Basic SKU stops before any token is asked for Bastion;
// a drop reaches onDrop; the legacy scope goes to Bastion and the ARM scope to ARM only.
import type { HttpsRequest, HttpsResponse } from '../../../../electron/services/ports';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBastionDriver, type BastionDriver } from '../../../../electron/services/routes/bastion/bastion-driver';
import { createSandboxConnector } from '../../../../electron/services/routes/connector/sandbox-connector';
import { createKnownHostsStore } from '../../../../electron/services/routes/ssh/known-hosts-store';
import { systemClock, systemScheduler } from '../../../../electron/services/ports';
import type { RouteConnection } from '../../../../electron/services/routes/route-types';
import type { PrivateNetwork } from '../../../../sandbox/context';
import { startBastion, type BastionEmulator } from '../../../../sandbox/network/bastion';
import { bastionHost } from '../../../../sandbox/network/bastion-host';
import { startJumpHost, type JumpHost } from '../../../../sandbox/network/jump-host';
import { createPrivateNetwork } from '../../../../sandbox/network/private-network';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { createTestTokenIssuer, type TestTokenIssuer } from '../../../support/sandbox/test-tokens';
import { capturingLogger } from '../../../support/test-airlock';
import { privateGet, SCORING_HOST, startStandInService, type StandIn } from '../../sandbox/network/network-fixtures';
import { failureOf } from '../ssh/route-fixtures';

const ENV = { armEndpoint: 'https://management.azure.com', armScope: 'https://management.azure.com/.default', armLegacyScope: 'https://management.core.windows.net//.default' };
const ALICE = { oid: 'a11ce000-1111-4aaa-8aaa-000000000001', preferred_username: 'alice@contoso.test' };

let ctx: TestContext;
let network: PrivateNetwork;
let standIn: StandIn;
let jumpHost: JumpHost;
let bastion: BastionEmulator;
let issuer: TestTokenIssuer;
let dnsName: string;
let bastionResourceId: string;
const logs = capturingLogger();
const secrets = new Set<string>();
const cleanups: Array<() => Promise<void>> = [];

function driver(options: { sku?: string; scopes?: string[]; arm?: HttpsRequest[]; pinned?: string } = {}): BastionDriver {
  const connector = createSandboxConnector({ servicePorts: { [`${dnsName}:443`]: bastion.port }, scheduler: systemScheduler });
  const alice = jumpHost.users.find((u) => u.login === 'alice');
  const made = createBastionDriver(
    ENV,
    { bastionResourceId, vmResourceId: bastion.vmResourceId, vmPort: 22 },
    {
      armToken: async (scope) => {
        options.scopes?.push(scope);
        const token = await issuer.mint({ aud: scope === ENV.armLegacyScope ? 'https://management.core.windows.net/' : 'https://management.azure.com', ...ALICE });
        secrets.add(token);
        return token;
      },
      armSend: async (req): Promise<HttpsResponse> => {
        options.arm?.push(req);
        const body = { id: bastionResourceId, name: 'bst-sandbox', sku: { name: options.sku ?? 'Standard' }, properties: { dnsName, enableTunneling: true } };
        return { status: 200, headers: {}, text: JSON.stringify(body) };
      },
      connector,
      caPem: ctx.ca.certPem,
      username: 'alice',
      auth: { kind: 'key-file', path: alice?.privateKeyPath ?? '' },
      hostKey: { pinned: options.pinned ?? jumpHost.hostKeySha256, allowFirstUse: false, store: createKnownHostsStore(ctx.stateDir).forEnvironment('test') },
      logger: logs,
      clock: systemClock,
    },
  );
  cleanups.push(() => made.closeAll());
  return made;
}

async function connect(made: BastionDriver): Promise<RouteConnection> {
  const connection = await made.connect(new AbortController().signal);
  cleanups.push(() => connection.close());
  return connection;
}

beforeAll(async () => {
  ctx = await createTestContext();
  ({ dnsName, resourceId: bastionResourceId } = bastionHost(ctx.seed));
  network = createPrivateNetwork();
  issuer = await createTestTokenIssuer(ctx.seed.tenant.id, ctx.now);
  standIn = await startStandInService(ctx, network);
  jumpHost = await startJumpHost(ctx, { network });
  bastion = await startBastion(ctx, { verifier: issuer.verifier, network, jumpHost });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await bastion?.stop();
  await jumpHost?.stop();
  await standIn?.stop();
});

describe('Bastion route driver (sandbox Bastion + jump host)', () => {
  it('connects over one tunnel and carries several streams over one SSH connection; close DELETEs the session', async () => {
    const scopes: string[] = [];
    const arm: HttpsRequest[] = [];
    const made = driver({ scopes, arm });
    const connection = await connect(made);
    expect(made.via).toBe('bastion');
    expect(connection.target).toBe(`${dnsName} → vm-jumpbox`);
    expect(arm.map((r) => r.url)).toEqual([`https://management.azure.com${bastionResourceId}?api-version=2024-01-01`]);
    expect(scopes).toEqual([ENV.armScope, ENV.armLegacyScope]);
    const replies = await Promise.all([1, 2, 3].map(async () => privateGet({ stream: await connection.openStream(SCORING_HOST, 443) }, SCORING_HOST, ctx.ca.certPem)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(logs.entries.filter((e) => e.event === 'bastion.tunnel.opened')).toHaveLength(1);
    expect(connection.bytes.in).toBeGreaterThan(0);
    expect(await connection.probe()).toBeGreaterThanOrEqual(0);
    await connection.close();
    expect(logs.entries.filter((e) => e.event === 'bastion.session.ended').at(-1)?.fields).toMatchObject({ outcome: 'deleted', bastion: dnsName });
  });

  it('stops at a Basic SKU before asking for a Bastion token', async () => {
    const scopes: string[] = [];
    const error = await failureOf(driver({ sku: 'Basic', scopes }).connect(new AbortController().signal));
    expect(error).toMatchObject({ code: 'E_BASTION_REFUSED', details: { reason: 'sku' } });
    expect(scopes).toEqual([ENV.armScope]);
  });

  it('refuses a jump VM whose host key is not the pinned one, and still ends the Bastion session', async () => {
    const before = logs.entries.filter((e) => e.event === 'bastion.session.ended').length;
    const made = driver({ pinned: `SHA256:${'A'.repeat(43)}` });
    const error = await failureOf(made.connect(new AbortController().signal));
    expect(error).toMatchObject({ code: 'E_HOST_KEY_CHANGED', details: { expected: `SHA256:${'A'.repeat(43)}`, presented: jumpHost.hostKeySha256 } });
    expect(made.openCount).toBe(0);
    expect(logs.entries.filter((e) => e.event === 'bastion.session.ended').length).toBe(before + 1);
  });

  it('tells onDrop when the tunnel drops, and the session is ended', async () => {
    const made = driver();
    const connection = await connect(made);
    const dropped = new Promise((resolve) => connection.onDrop(resolve));
    await made.closeAll(); // the tunnel goes away under the SSH connection
    expect(await dropped).toMatchObject({ code: 'E_ROUTE_DROPPED' });
  });

  it('logged nothing secret', () => {
    const seen = JSON.stringify(logs.entries);
    expect(secrets.size).toBeGreaterThanOrEqual(2); // the test clock stands still, so equal claims mint equal tokens
    for (const secret of secrets) expect(seen).not.toContain(secret);
    expect(seen).not.toMatch(/webtunnelv2|eyJ/);
  });
});
