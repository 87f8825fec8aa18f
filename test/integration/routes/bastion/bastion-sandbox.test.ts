// The Bastion route against the whole sandbox as Airlock will meet it: tokens from the sandbox IdP (msal-node,
// password + TOTP in the scripted browser) for the ARM scope and the legacy scope, the Bastion host read from
// ARM's bastionHosts, its dnsName reached through environment.json's servicePorts, SSH to the jump VM pinned to
// the environment's key, and a stream to a private scoring host. dave has no role on the VM, its NIC or the
// Bastion host: ARM and Bastion both refuse him (E_BASTION_REFUSED, 403).
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AccountInfo, PublicClientApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpsSend, systemClock, systemScheduler } from '../../../../electron/services/ports';
import { createBastionDriver } from '../../../../electron/services/routes/bastion/bastion-driver';
import { findBastionHost } from '../../../../electron/services/routes/bastion/bastion-host';
import { createBastionHttps } from '../../../../electron/services/routes/bastion/bastion-https';
import { createBastionTunnels } from '../../../../electron/services/routes/bastion/bastion-tunnels';
import { createSandboxConnector } from '../../../../electron/services/routes/connector/sandbox-connector';
import { createKnownHostsStore } from '../../../../electron/services/routes/ssh/known-hosts-store';
import type { SandboxEnvironment } from '../../../../sandbox/environment/environment-file';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/start-sandbox';
import { createPublicClient } from '../../../support/sandbox/msal-harness';
import { createScriptedBrowser } from '../../../support/sandbox/scripted-browser';
import { capturingLogger } from '../../../support/test-airlock';
import { privateGet } from '../../sandbox/network/network-fixtures';
import { failureOf } from '../ssh/route-fixtures';

interface NetworkBlock {
  servicePorts: Record<string, number>;
  jumpHost: { hostKeySha256: string };
  bastion: { bastionResourceId: string; vmResourceId: string; vmPort: number };
}
type Env = SandboxEnvironment & { network: NetworkBlock; armLegacyScope: string };

let sandbox: RunningSandbox;
let env: Env;
let ca: string;
let stateDir: string;
const accounts = new Map<string, { msal: PublicClientApplication; account: AccountInfo }>();
const logs = capturingLogger();
const secrets = new Set<string>();

async function signIn(username: string): Promise<void> {
  const msal = createPublicClient({ authority: env.authority, knownAuthority: env.knownAuthorities[0]! }, env.clientId, ca);
  const user = env.users.find((u) => u.username === username)!;
  const browser = createScriptedBrowser({ caPem: ca, user, now: () => new Date() });
  const result = await msal.acquireTokenInteractive({ scopes: [env.armScope], openBrowser: (url) => browser.openBrowser(url) });
  accounts.set(username, { msal, account: result.account! });
}

const armTokenOf = (username: string) => async (scope: string) => {
  const { msal, account } = accounts.get(username)!;
  const token = (await msal.acquireTokenSilent({ account, scopes: [scope] })).accessToken;
  secrets.add(token);
  return token;
};

const environment = () => ({ armEndpoint: env.armEndpoint, armScope: env.armScope, armLegacyScope: env.armLegacyScope });
const connector = () => createSandboxConnector({ servicePorts: env.network.servicePorts, scheduler: systemScheduler });

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-bastion-sandbox-'));
  sandbox = await startSandbox({ stateDir });
  env = JSON.parse(await readFile(sandbox.environmentPath, 'utf8')) as Env;
  ca = await readFile(env.caCertPath, 'utf8');
  await signIn('alice@contoso.test');
  await signIn('dave@contoso.test');
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
});

describe('Bastion route against the whole sandbox', () => {
  it('finds the Bastion host in ARM: Standard, native client on, its dnsName played by servicePorts', async () => {
    const host = await findBastionHost({ environment: environment(), armToken: armTokenOf('alice@contoso.test'), send: createHttpsSend(ca) }, env.network.bastion.bastionResourceId);
    expect(host.sku).toBe('Standard');
    expect(host.dnsName).toMatch(/^bst-[0-9a-f-]{36}\.bastion\.sandbox\.test$/);
    expect(env.network.servicePorts[`${host.dnsName}:443`]).toBeGreaterThan(0);
  });

  it('alice: one SSH connection over the Bastion tunnel reaches a private scoring host by name', async () => {
    const alice = env.users.find((u) => u.username === 'alice@contoso.test')!;
    const driver = createBastionDriver(environment(), env.network.bastion, {
      armToken: armTokenOf('alice@contoso.test'),
      armSend: createHttpsSend(ca),
      connector: connector(),
      caPem: ca,
      username: alice.sshLogin!,
      auth: { kind: 'key-file', path: alice.sshPrivateKeyPath! },
      hostKey: { pinned: env.network.jumpHost.hostKeySha256, allowFirstUse: false, store: createKnownHostsStore(stateDir).forEnvironment('test') },
      logger: logs,
      clock: systemClock,
    });
    const connection = await driver.connect(new AbortController().signal);
    try {
      const scoringHost = Object.keys(env.dnsMap.records).find((name) => name.endsWith('.inference.ml.azure.com'))!;
      const reply = await privateGet({ stream: await connection.openStream(scoringHost, 443) }, scoringHost, ca);
      expect(reply.status).toBeGreaterThanOrEqual(200); // TLS for the real name held; the endpoint answered
    } finally {
      await connection.close();
    }
    expect(logs.entries.filter((e) => e.event === 'bastion.session.ended').at(-1)?.fields).toMatchObject({ outcome: 'deleted' });
  });

  it('dave (no role): ARM refuses to show him the Bastion host (E_BASTION_REFUSED 403)', async () => {
    const error = await failureOf(findBastionHost({ environment: environment(), armToken: armTokenOf('dave@contoso.test'), send: createHttpsSend(ca) }, env.network.bastion.bastionResourceId));
    expect(error).toMatchObject({ code: 'E_BASTION_REFUSED', details: { status: 403, reason: 'AuthorizationFailed' } });
    for (const secret of secrets) expect(JSON.stringify([logs.entries, error.toShape()])).not.toContain(secret);
  });

  it('dave (no role): Bastion refuses his aztoken with 403, typed E_BASTION_REFUSED, and no tunnel stays open', async () => {
    const host = await findBastionHost({ environment: environment(), armToken: armTokenOf('alice@contoso.test'), send: createHttpsSend(ca) }, env.network.bastion.bastionResourceId);
    const tunnels = createBastionTunnels({
      connector: connector(),
      caPem: ca,
      https: createBastionHttps({ connector: connector(), caPem: ca }),
      armToken: armTokenOf('dave@contoso.test'),
      legacyScope: env.armLegacyScope,
      logger: logs,
    });
    const error = await failureOf(tunnels.open({ dnsName: host.dnsName, vmResourceId: env.network.bastion.vmResourceId, vmPort: env.network.bastion.vmPort }));
    expect(error).toMatchObject({ code: 'E_BASTION_REFUSED', retryable: false, details: { status: 403, host: host.dnsName } });
    expect(tunnels.openCount).toBe(0);
    for (const secret of secrets) expect(JSON.stringify([logs.entries, error.toShape()])).not.toContain(secret);
  });
});
