// Who may open a Bastion tunnel to the jumpbox: like Azure Bastion, Reader (or higher) on the target VM, on
// its NIC and on the Bastion host itself, for the account whose `aztoken` asked (RBAC from the seed, the
// same role definitions ARM uses). Pure: decides from the seed only, never consults anything else.
import { createRbac } from '../arm/rbac';
import type { Seed } from '../seed/seed-schema';
import { bastionHost } from './bastion-host';
import { jumpboxVm } from './jumpbox-vm';

/** The read actions Reader grants on each of the three resources. */
const REQUIRED = (seed: Pick<Seed, 'subscriptions'>) => {
  const vm = jumpboxVm(seed);
  return [
    { action: 'Microsoft.Compute/virtualMachines/read', scope: vm.resourceId },
    { action: 'Microsoft.Network/networkInterfaces/read', scope: vm.nicResourceId },
    { action: 'Microsoft.Network/bastionHosts/read', scope: bastionHost(seed).resourceId },
  ];
};

export const BASTION_ACCESS_REFUSED =
  'The user does not have the permissions Azure Bastion requires: Reader on the virtual machine, on its network interface and on the Bastion host.';

/** `(oid) → may this account tunnel to the jumpbox`, from the seed's role assignments. */
export function bastionAccessCheck(seed: Seed): (oid: string) => boolean {
  const rbac = createRbac(seed);
  const required = REQUIRED(seed);
  return (oid) => required.every(({ action, scope }) => rbac.allows(oid, action, scope));
}
