// Writes an environment.json shaped like the sandbox's (demo users and all) for tests that need one
// without starting the sandbox.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PLANTED_PASSWORD = 'PLANTED-demo-password-9f1c';

export function sandboxLikeEnvironment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    $schemaVersion: 1,
    name: 'sandbox',
    displayName: 'Local sandbox — Contoso Research',
    kind: 'sandbox',
    createdAt: '2026-11-23T12:00:00.000Z',
    authority: 'https://localhost:44321/7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162',
    knownAuthorities: ['localhost:44321'],
    tenantId: '7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162',
    clientId: '0b6d1f3a-8c2e-4a5b-9d7e-6f1a2b3c4d5e',
    armEndpoint: 'https://localhost:44322',
    armScope: 'https://management.azure.com/.default',
    mlScope: 'https://ml.azure.com/.default',
    inferenceDnsSuffix: 'inference.ml.azure.com',
    privateDnsZones: ['privatelink.api.azureml.ms'],
    subscriptionId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    caCertPath: '/tmp/sandbox/pki/ca.pem',
    dnsMap: { records: {}, servicePorts: {} },
    jumpHost: { host: '127.0.0.1', port: 44323, hostKeySha256: 'SHA256:x', knownHostsLine: '' },
    bastion: { endpoint: 'https://localhost:44324', vmResourceId: '/subscriptions/x' },
    users: [{ username: 'alice@contoso.test', password: PLANTED_PASSWORD, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DP' }],
    ...overrides,
  };
}

export async function writeEnvironmentFixture(content: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'airlock-env-'));
  const file = path.join(dir, 'environment.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
