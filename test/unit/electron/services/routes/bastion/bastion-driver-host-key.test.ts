// The Bastion route pins the jump VM's SSH host key from the environment (network.bastion.vmHostKeySha256) the
// way the jump host route pins the jump host's: the pinned fingerprint goes to the SSH client, winning over the
// known-hosts store; without one, the caller's policy (store, first-use trust) stands.
import { describe, expect, it } from 'vitest';
import { createBastionDriver } from '../../../../../../electron/services/routes/bastion/bastion-driver';
import type { HttpsResponse } from '../../../../../../electron/services/ports';
import type { OpenSshRouteOptions } from '../../../../../../electron/services/routes';
import { systemClock } from '../../../../../../electron/services/ports';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';

const BASTION_ID = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bst-hub';
const VM_ID = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jumpbox';
const VM_KEY = `SHA256:${'V'.repeat(43)}`;
const ENV = { armEndpoint: 'https://management.azure.com/', armScope: 'https://management.azure.com/.default', armLegacyScope: 'https://management.core.windows.net//.default' };
const store = { get: async () => null, remember: async () => undefined };

async function hostKeyGiven(target: { vmHostKeySha256?: string }): Promise<OpenSshRouteOptions['hostKey']> {
  let seen: OpenSshRouteOptions['hostKey'] | undefined;
  const driver = createBastionDriver(ENV, { bastionResourceId: BASTION_ID, vmResourceId: VM_ID, vmPort: 22, ...target }, {
    armToken: async () => 'token',
    armSend: async (): Promise<HttpsResponse> => ({ status: 200, headers: {}, text: JSON.stringify({ id: BASTION_ID, name: 'bst-hub', sku: { name: 'Standard' }, properties: { dnsName: 'bst-x.bastion.azure.com', enableTunneling: true } }) }),
    connector: { connect: () => Promise.reject(new Error('no dialling in this test')) },
    username: 'alice',
    auth: { kind: 'agent', socketPath: '/nonexistent' },
    hostKey: { allowFirstUse: true, store },
    logger: { log: () => undefined },
    clock: systemClock,
    openSsh: (options) => {
      seen = options.hostKey;
      return Promise.reject(new AirlockError('E_UNAVAILABLE'));
    },
  });
  await driver.connect(new AbortController().signal).catch(() => undefined);
  return seen!;
}

describe('Bastion route: the jump VM host key', () => {
  it("pins the environment's vmHostKeySha256", async () => {
    expect(await hostKeyGiven({ vmHostKeySha256: VM_KEY })).toMatchObject({ pinned: VM_KEY, allowFirstUse: true, store });
  });

  it('leaves the policy as given when the environment pins nothing', async () => {
    const hostKey = await hostKeyGiven({});
    expect(hostKey.pinned).toBeUndefined();
    expect(hostKey.store).toBe(store);
  });
});
