import { describe, expect, it } from 'vitest';
import { loadEnvironmentFile } from '../../../../../electron/services/environments';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { PLANTED_PASSWORD, sandboxLikeEnvironment, writeEnvironmentFixture } from '../../../../support/environments/environment-fixture';

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
    });
    expect(JSON.stringify(env)).not.toContain(PLANTED_PASSWORD);
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
  });
});
