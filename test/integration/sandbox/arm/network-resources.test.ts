// The private network's ARM resources, as `az network bastion tunnel` and Airlock's Bastion route read
// them: the Bastion host (SKU Standard, native-client tunnelling on, dnsName), the jumpbox VM and its NIC.
// Reader (or higher) on each is what Bastion requires; dave has no role and gets 403 AuthorizationFailed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bastionHost } from '../../../../sandbox/network/bastion-host';
import { jumpboxVm } from '../../../../sandbox/network/jumpbox-vm';
import { startArmFixture, type ArmFixture } from './arm-fixture';

const ALICE = 'alice@contoso.test';
const BOB = 'bob@contoso.test';
const DAVE = 'dave@contoso.test';

let f: ArmFixture;
beforeAll(async () => {
  f = await startArmFixture();
});
afterAll(async () => f.close());

describe('ARM network resources', () => {
  it('GET bastionHosts/{name} (2024-01-01): Standard SKU, tunnelling on, a bst-<guid>.bastion.sandbox.test dnsName', async () => {
    const bastion = bastionHost(f.ctx.seed);
    for (const user of [ALICE, BOB]) {
      const res = await f.raw('GET', `${bastion.resourceId}?api-version=2024-01-01`, { token: await f.tokenFor(user) });
      expect(res.status, user).toBe(200);
      expect(res.json()).toMatchObject({
        id: bastion.resourceId,
        name: 'bst-sandbox',
        type: 'Microsoft.Network/bastionHosts',
        sku: { name: 'Standard' },
        properties: { provisioningState: 'Succeeded', dnsName: bastion.dnsName, enableTunneling: true, enableIpConnect: false },
      });
    }
    expect(bastion.dnsName).toMatch(/^bst-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}\.bastion\.sandbox\.test$/);
  });

  it('GET the jumpbox VM and its NIC (with its private address)', async () => {
    const vm = jumpboxVm(f.ctx.seed);
    const token = await f.tokenFor(ALICE);
    const vmRes = await f.raw('GET', `${vm.resourceId}?api-version=2024-07-01`, { token });
    expect(vmRes.status).toBe(200);
    expect(vmRes.json()).toMatchObject({ id: vm.resourceId, name: 'vm-jumpbox', type: 'Microsoft.Compute/virtualMachines', properties: { networkProfile: { networkInterfaces: [{ id: vm.nicResourceId }] } } });
    const nicRes = await f.raw('GET', `${vm.nicResourceId}?api-version=2024-01-01`, { token });
    expect(nicRes.status).toBe(200);
    expect(nicRes.json()).toMatchObject({
      id: vm.nicResourceId,
      type: 'Microsoft.Network/networkInterfaces',
      properties: { virtualMachine: { id: vm.resourceId }, ipConfigurations: [{ properties: { privateIPAddress: '10.0.2.4' } }] },
    });
  });

  it('403 AuthorizationFailed for a caller without Reader, 404 for an unknown name, 400 for an unknown api-version', async () => {
    const bastion = bastionHost(f.ctx.seed);
    const vm = jumpboxVm(f.ctx.seed);
    for (const [id, version] of [[bastion.resourceId, '2024-01-01'], [vm.resourceId, '2024-07-01'], [vm.nicResourceId, '2024-01-01']] as const) {
      const res = await f.raw('GET', `${id}?api-version=${version}`, { token: await f.tokenFor(DAVE) });
      expect(res.status, id).toBe(403);
      expect(res.json().error?.code).toBe('AuthorizationFailed');
    }
    const missing = await f.raw('GET', `${bastion.resourceId.replace(/bst-sandbox$/, 'bst-other')}?api-version=2024-01-01`, { token: await f.tokenFor(BOB) });
    expect(missing.status).toBe(404);
    expect(missing.json().error?.code).toBe('ResourceNotFound');
    const badVersion = await f.raw('GET', `${bastion.resourceId}?api-version=1999-01-01`, { token: await f.tokenFor(BOB) });
    expect(badVersion.status).toBe(400);
  });
});
