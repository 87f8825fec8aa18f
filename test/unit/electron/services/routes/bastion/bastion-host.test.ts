// Finding the Bastion host from ARM: the request (ARM host only, api-version, bearer for the ARM scope), the
// CLI's preconditions (SKU Standard/Premium and native client on) and every refusal as a typed error.
import { describe, expect, it } from 'vitest';
import { findBastionHost } from '../../../../../../electron/services/routes/bastion/bastion-host';
import type { HttpsRequest, HttpsResponse } from '../../../../../../electron/services/ports';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';

const BASTION_ID = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bst-hub';
const TOKEN = 'PLANTEDARMTOKEN.eyJhbGciOiJSUzI1NiJ9.sig';
const env = { armEndpoint: 'https://management.azure.com/', armScope: 'https://management.azure.com/.default' };

function armHost(body: unknown, status = 200) {
  const seen: HttpsRequest[] = [];
  const scopes: string[] = [];
  return {
    seen,
    scopes,
    deps: {
      environment: env,
      armToken: async (scope: string) => {
        scopes.push(scope);
        return TOKEN;
      },
      send: async (req: HttpsRequest): Promise<HttpsResponse> => {
        seen.push(req);
        return { status, headers: {}, text: typeof body === 'string' ? body : JSON.stringify(body) };
      },
    },
  };
}

const resource = (sku: string, enableTunneling: boolean, dnsName = 'bst-9d89d361-100e-4c01-b92d-466548c476dc.bastion.azure.com') => ({
  id: BASTION_ID,
  name: 'bst-hub',
  sku: { name: sku },
  properties: { dnsName, enableTunneling, enableIpConnect: false },
});

async function refusal(run: Promise<unknown>): Promise<AirlockError> {
  try {
    await run;
  } catch (thrown) {
    if (thrown instanceof AirlockError) return thrown;
    throw thrown;
  }
  throw new Error('expected a refusal');
}

describe('findBastionHost', () => {
  it('reads the Bastion host from the environment ARM host with the ARM token and gives its dnsName', async () => {
    const arm = armHost(resource('Standard', true));
    const host = await findBastionHost(arm.deps, BASTION_ID);
    expect(host).toEqual({ id: BASTION_ID, name: 'bst-hub', sku: 'Standard', dnsName: 'bst-9d89d361-100e-4c01-b92d-466548c476dc.bastion.azure.com' });
    expect(arm.seen).toHaveLength(1);
    expect(arm.seen[0]).toMatchObject({ method: 'GET', url: `https://management.azure.com${BASTION_ID}?api-version=2024-01-01` });
    expect(arm.seen[0]?.headers?.['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(arm.scopes).toEqual([env.armScope]);
  });

  it('accepts Premium', async () => {
    await expect(findBastionHost(armHost(resource('Premium', true)).deps, BASTION_ID)).resolves.toMatchObject({ sku: 'Premium' });
  });

  it.each([
    ['Basic', true],
    ['Developer', true],
    ['Standard', false],
  ])('refuses SKU %s with native client %s in the CLI’s words', async (sku, tunneling) => {
    const error = await refusal(findBastionHost(armHost(resource(sku, tunneling)).deps, BASTION_ID));
    expect(error.code).toBe('E_BASTION_REFUSED');
    expect(error.message).toMatch(/SKU must be Standard or Premium and native client support must be on/i);
    expect(error.message).toContain(sku);
  });

  it.each([
    ['a path on another host', '//evil.example/x'],
    ['a query', `${BASTION_ID}?x=1`],
    ['another resource type', BASTION_ID.replace('bastionHosts', 'virtualNetworks')],
    ['a dot segment', BASTION_ID.replace('rg-hub', '..')],
    ['nothing', ''],
  ])('refuses %s as the Bastion resource id without sending anything', async (_case, id) => {
    const arm = armHost(resource('Standard', true));
    const error = await refusal(findBastionHost(arm.deps, id));
    expect(error.code).toBe('E_CONFIG_INVALID');
    expect(arm.seen).toHaveLength(0);
    expect(arm.scopes).toHaveLength(0);
  });

  it.each([
    ['an IP literal', '10.0.0.5'],
    ['a name with a path', 'bst.bastion.azure.com/x'],
    ['a name with a port', 'bst.bastion.azure.com:8443'],
    ['no name', ''],
  ])('refuses a dnsName that is %s', async (_case, dnsName) => {
    const error = await refusal(findBastionHost(armHost(resource('Standard', true, dnsName)).deps, BASTION_ID));
    expect(error.code).toBe('E_UNAVAILABLE');
  });

  it.each([
    [401, 'E_AUTH_REQUIRED'],
    [403, 'E_BASTION_REFUSED'],
    [404, 'E_NOT_FOUND'],
    [429, 'E_RATE_LIMITED'],
    [500, 'E_UNAVAILABLE'],
  ])('turns ARM %i into %s with the status and ARM code, never the token', async (status, code) => {
    const arm = armHost({ error: { code: 'AuthorizationFailed', message: `no access for ${TOKEN}` } }, status);
    const error = await refusal(findBastionHost(arm.deps, BASTION_ID));
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({ status });
    expect(JSON.stringify(error.toShape())).not.toContain('PLANTEDARMTOKEN');
  });

  it('says plainly when ARM answers with something that is not a Bastion host', async () => {
    expect((await refusal(findBastionHost(armHost('<html>').deps, BASTION_ID))).code).toBe('E_UNAVAILABLE');
    expect((await refusal(findBastionHost(armHost({ id: BASTION_ID }).deps, BASTION_ID))).code).toBe('E_UNAVAILABLE');
  });

  it('turns a certificate failure into E_TLS and a network failure into E_UNAVAILABLE', async () => {
    const failing = (code: string) => ({
      ...armHost({}).deps,
      send: async () => {
        throw Object.assign(new Error(`boom ${TOKEN}`), { code });
      },
    });
    expect((await refusal(findBastionHost(failing('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), BASTION_ID))).code).toBe('E_TLS');
    const down = await refusal(findBastionHost(failing('ECONNREFUSED'), BASTION_ID));
    expect(down.code).toBe('E_UNAVAILABLE');
    expect(JSON.stringify(down.toShape())).not.toContain('PLANTEDARMTOKEN');
  });
});
