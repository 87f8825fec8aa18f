// The whole sandbox's private network as Airlock's routes read it: environment.json `network` (private
// ranges, the loopback DNS server, servicePorts keyed by private address:port, jump host, Bastion ids, the
// canary name) and `armLegacyScope`; the DNS server answering the canary and every scoring host with a
// privatelink chain to a 10.x address that servicePorts maps to the loopback port playing it; VPN off in
// the running sandbox giving public answers. Nothing here dials a private address.
import { Resolver } from 'node:dns/promises';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEnvironment } from '../../../../sandbox/environment/environment-file';
import { startSandbox, type RunningSandbox } from '../../../../sandbox/start-sandbox';

const PRIVATE = /^10\.0\.\d+\.\d+$/;

let sandbox: RunningSandbox;
let env: SandboxEnvironment;

function resolver(): Resolver {
  const r = new Resolver({ timeout: 2_000, tries: 1 });
  r.setServers([`${env.network.dnsServer.host}:${env.network.dnsServer.port}`]);
  return r;
}

beforeAll(async () => {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-sandbox-network-'));
  sandbox = await startSandbox({ stateDir });
  env = JSON.parse(await readFile(sandbox.environmentPath, 'utf8')) as SandboxEnvironment;
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('sandbox private network', () => {
  it('writes the network block and the legacy ARM scope, keeping the older fields', () => {
    expect(Object.keys(env.network).sort()).toEqual(['bastion', 'canaryHost', 'dnsServer', 'jumpHost', 'privateRanges', 'servicePorts']);
    expect(env.network.privateRanges).toEqual(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']);
    expect(Object.keys(env.network.dnsServer).sort()).toEqual(['host', 'port']);
    expect(env.network.dnsServer.host).toBe('127.0.0.1');
    expect(env.network.dnsServer.port).toBeGreaterThan(0);
    expect(env.network.jumpHost).toEqual({ host: '127.0.0.1', port: env.jumpHost.port, hostKeySha256: env.jumpHost.hostKeySha256 });
    const { bastionResourceId, ...target } = env.network.bastion;
    expect(bastionResourceId).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/bastionHosts\/bst-sandbox$/);
    expect(target).toEqual({ vmResourceId: env.bastion.vmResourceId, vmPort: 22, vmHostKeySha256: env.jumpHost.hostKeySha256 });
    expect(Object.keys(env.network.servicePorts).filter((k) => /^bst-[0-9a-f-]{36}\.bastion\.sandbox\.test:443$/.test(k))).toHaveLength(1);
    expect(env.network.canaryHost).toBe('c0ffee00-aaaa-4bbb-8ccc-0123456789ab.workspace.westeurope.api.azureml.ms');
    expect(env.armLegacyScope).toBe('https://management.core.windows.net//.default');
    expect(env.dnsMap.servicePorts).toBeDefined();
    expect(env.bastion.endpoint).toMatch(/^https:\/\/localhost:\d+$/);
  });

  it('answers the canary and every scoring host with a privatelink chain to a private address that servicePorts plays', async () => {
    const r = resolver();
    const [canaryCname] = await r.resolveCname(env.network.canaryHost);
    expect(canaryCname).toBe('c0ffee00-aaaa-4bbb-8ccc-0123456789ab.workspace.westeurope.privatelink.api.azureml.ms');
    const [canaryAddress] = await r.resolve4(env.network.canaryHost);
    expect(canaryAddress).toMatch(PRIVATE);
    const scoringHosts = Object.keys(env.dnsMap.servicePorts).filter((k) => k.includes('.inference.ml.azure.com:443'));
    expect(scoringHosts.length).toBeGreaterThan(1);
    for (const hostPort of scoringHosts) {
      const host = hostPort.replace(/:443$/, '');
      const [cname] = await r.resolveCname(host);
      expect(cname).toMatch(/\.privatelink\.api\.azureml\.ms$/);
      const [address] = await r.resolve4(host);
      expect(address).toMatch(PRIVATE);
      expect(env.network.servicePorts[`${address}:443`]).toBe(env.dnsMap.servicePorts[hostPort]);
    }
    // The credit workspace's endpoints share its private endpoint with the workspace name.
    expect(await r.resolve4('credit-ep.westeurope.inference.ml.azure.com')).toEqual([canaryAddress]);
    const [jumpbox] = await r.resolve4('jumpbox.internal.sandbox');
    expect(env.network.servicePorts[`${jumpbox}:22`]).toBe(env.jumpHost.port);
    // No key is a loopback address: a client dials what servicePorts maps, never the key itself.
    expect(Object.keys(env.network.servicePorts).some((k) => k.startsWith('127.'))).toBe(false);
  });

  it('gives public answers while the VPN is off, and private ones again once it is back', async () => {
    sandbox.network.mode.setVpn('off');
    try {
      const r = resolver();
      const [address] = await r.resolve4(env.network.canaryHost);
      expect(address).not.toMatch(/^(10\.|172\.(1[6-9]|2\d|3[01])\.|192\.168\.|127\.)/);
      await expect(r.resolveCname(env.network.canaryHost)).rejects.toMatchObject({ code: 'ENODATA' });
    } finally {
      sandbox.network.mode.setVpn('on');
    }
    expect((await resolver().resolve4(env.network.canaryHost))[0]).toMatch(PRIVATE);
  });
});
