import { describe, expect, it } from 'vitest';
import { loadEnvironmentFile } from '../../../../../electron/services/environments';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { PLANTED_PASSWORD, sandboxLikeEnvironment, writeEnvironmentFixture } from '../../../../support/environments/environment-fixture';
import { tmpdir } from 'node:os';

const SUB = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-net';
const VM_ID = `${SUB}/providers/Microsoft.Compute/virtualMachines/vm-jumpbox`;
const SANDBOX_NETWORK = {
  privateRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fd00::/8'],
  dnsServer: { host: '127.0.0.1', port: 53001 },
  servicePorts: { '10.0.1.4:443': 40123, 'bst-3f2a.bastion.sandbox.test:443': 40200 },
  jumpHost: { host: '127.0.0.1', port: 40100, hostKeySha256: `SHA256:${'A'.repeat(43)}` },
  bastion: { bastionResourceId: `${SUB}/providers/Microsoft.Network/bastionHosts/bst-sandbox`, vmResourceId: VM_ID, vmPort: 22 },
  canaryHost: '0a1b2c3d-0000-4000-8000-000000000001.workspace.eastus.api.azureml.ms',
};

async function failure(content: unknown): Promise<AirlockError> {
  const error = await loadEnvironmentFile(await writeEnvironmentFixture(content)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AirlockError);
  return error as AirlockError;
}

describe('environment files', () => {
  it('loads the sandbox’s file as the Sandbox environment and drops everything Airlock does not use', async () => {
    const env = await loadEnvironmentFile(await writeEnvironmentFixture(sandboxLikeEnvironment()));
    expect(env).toEqual({
      id: 'Sandbox',
      displayName: 'Local sandbox — Contoso Research',
      kind: 'sandbox',
      authorityHost: 'https://localhost:44321',
      authority: 'https://localhost:44321/7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162',
      knownAuthorities: ['localhost:44321'],
      tenantId: '7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162',
      clientId: '0b6d1f3a-8c2e-4a5b-9d7e-6f1a2b3c4d5e',
      armEndpoint: 'https://localhost:44322',
      armScope: 'https://management.azure.com/.default',
      mlScope: 'https://ml.azure.com/.default',
      inferenceDnsSuffix: 'inference.ml.azure.com',
      privateDnsZones: ['privatelink.api.azureml.ms'],
      caCertPath: '/tmp/sandbox/pki/ca.pem',
      armLegacyScope: 'https://management.core.windows.net//.default',
      network: { privateRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] },
    });
    expect(JSON.stringify(env)).not.toContain(PLANTED_PASSWORD);
  });

  it("keeps of the users only each one's SSH login and key path (for the jump host), never a password or TOTP secret", async () => {
    const users = [
      { username: 'alice@contoso.test', password: PLANTED_PASSWORD, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP', sshLogin: 'alice', sshPrivateKeyPath: '/tmp/sandbox/ssh/alice' },
      { username: 'carol@contoso.test', password: PLANTED_PASSWORD, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' },
    ];
    const env = await loadEnvironmentFile(await writeEnvironmentFixture(sandboxLikeEnvironment({ users })));
    expect(env.sshUsers).toEqual([{ username: 'alice@contoso.test', login: 'alice', privateKeyPath: '/tmp/sandbox/ssh/alice' }]);
    expect(JSON.stringify(env)).not.toContain(PLANTED_PASSWORD);
    expect(JSON.stringify(env)).not.toContain('JBSWY3DP');
  });

  it('reads the network block (ranges, jump host, Bastion, canary; sandbox-only DNS server and service ports)', async () => {
    const env = await loadEnvironmentFile(await writeEnvironmentFixture(sandboxLikeEnvironment({ network: SANDBOX_NETWORK, armLegacyScope: 'https://management.core.windows.net//.default' })));
    expect(env.network).toEqual(SANDBOX_NETWORK);
    expect(env.armLegacyScope).toBe('https://management.core.windows.net//.default');
  });

  it("keeps the Bastion jump VM's pinned host key", async () => {
    const vmHostKeySha256 = `SHA256:${'B'.repeat(43)}`;
    const env = await loadEnvironmentFile(await writeEnvironmentFixture(sandboxLikeEnvironment({ network: { ...SANDBOX_NETWORK, bastion: { ...SANDBOX_NETWORK.bastion, vmHostKeySha256 } } })));
    expect(env.network.bastion).toEqual({ ...SANDBOX_NETWORK.bastion, vmHostKeySha256 });
  });

  it('takes armLegacyScope from the file for a custom environment', async () => {
    const env = await loadEnvironmentFile(await writeEnvironmentFixture(sandboxLikeEnvironment({ kind: 'custom', armScope: 'https://management.example.test/.default', armLegacyScope: 'https://management.core.example.test//.default' })));
    expect(env.armLegacyScope).toBe('https://management.core.example.test//.default');
  });

  it.each([
    ['a custom ARM scope without armLegacyScope', { armScope: 'https://management.example.test/.default' }, 'armLegacyScope'],
    ['a custom environment with a sandbox DNS server', { kind: 'custom', network: { privateRanges: ['10.0.0.0/8'], dnsServer: { host: '127.0.0.1', port: 53001 } } }, 'network.dnsServer'],
    ['a custom environment with sandbox service ports', { kind: 'custom', network: { privateRanges: ['10.0.0.0/8'], servicePorts: { '10.0.1.4:443': 40123 } } }, 'network.servicePorts'],
    ['an unknown network field', { network: { privateRanges: ['10.0.0.0/8'], proxy: 'x' } }, 'network'],
    ['a range that is not a CIDR', { network: { privateRanges: ['10.0.0.0'] } }, 'network.privateRanges.0'],
    ['a range with a bad prefix', { network: { privateRanges: ['10.0.0.0/33'] } }, 'network.privateRanges.0'],
    ['no private ranges', { network: { privateRanges: [] } }, 'network.privateRanges'],
    ['a DNS server off loopback', { network: { privateRanges: ['10.0.0.0/8'], dnsServer: { host: '10.0.0.53', port: 53 } } }, 'network.dnsServer.host'],
    ['a jump host fingerprint that is not SHA256', { network: { privateRanges: ['10.0.0.0/8'], jumpHost: { host: '127.0.0.1', port: 22, hostKeySha256: 'MD5:aa' } } }, 'network.jumpHost.hostKeySha256'],
    ['a Bastion VM fingerprint that is not SHA256', { network: { privateRanges: ['10.0.0.0/8'], bastion: { bastionResourceId: `${SUB}/providers/Microsoft.Network/bastionHosts/b`, vmResourceId: VM_ID, vmPort: 22, vmHostKeySha256: 'MD5:aa' } } }, 'network.bastion.vmHostKeySha256'],
    ['a Bastion id that is not a bastionHosts resource', { network: { privateRanges: ['10.0.0.0/8'], bastion: { bastionResourceId: '/subscriptions/x', vmResourceId: VM_ID, vmPort: 22 } } }, 'network.bastion.bastionResourceId'],
    ['a service port out of range', { network: { privateRanges: ['10.0.0.0/8'], servicePorts: { '10.0.1.4:443': 70000 } } }, 'network.servicePorts.10.0.1.4:443'],
  ])('refuses %s with E_CONFIG_INVALID naming the field', async (_label, overrides, field) => {
    const error = await failure(sandboxLikeEnvironment(overrides));
    expect(error.code).toBe('E_CONFIG_INVALID');
    expect(error.message).toContain(`"${field}"`);
  });

  it.each([
    ['an http authority', { authority: 'http://localhost:44321/t' }, 'authority'],
    ['a javascript: ARM endpoint', { armEndpoint: 'javascript:alert(1)' }, 'armEndpoint'],
    ['a scope that is not /.default', { armScope: 'https://management.azure.com/user_impersonation' }, 'armScope'],
    ['a tenant that is not a GUID', { tenantId: 'contoso' }, 'tenantId'],
    ['an unknown kind', { kind: 'builtin' }, 'kind'],
    ['a missing client id', { clientId: undefined }, 'clientId'],
  ])('refuses %s with E_CONFIG_INVALID naming the field', async (_label, overrides, field) => {
    const error = await failure(sandboxLikeEnvironment(overrides));
    expect(error.code).toBe('E_CONFIG_INVALID');
    expect(error.message).toContain(`"${field}"`);
    expect(JSON.stringify(error.toShape())).not.toContain(PLANTED_PASSWORD);
  });

  it('refuses a file that is not JSON, or not there, in plain words', async () => {
    expect((await failure('{ not json')).message).toBe('The environment file could not be read as JSON, so Airlock did not use it.');
    const missing = (await loadEnvironmentFile('/nonexistent/environment.json').catch((e: unknown) => e)) as AirlockError;
    expect(missing.code).toBe('E_CONFIG_INVALID');
    expect(missing.message).toBe('The environment file does not exist, so Airlock did not use it.');
    expect(missing.hint).toContain('Check the path');
    const folder = (await loadEnvironmentFile(tmpdir()).catch((e: unknown) => e)) as AirlockError;
    expect(folder.message).toBe('The environment file is a folder, not a file, so Airlock did not use it.');
  });
});
