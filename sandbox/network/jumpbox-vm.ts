// The one VM of the sandbox's private network: the jumpbox. The SSH jump host plays it, so it has an ARM
// resource id (the Bastion `resourceId` a client asks a tunnel to) and a private DNS name on port 22 (what
// `ssh -J` and the Bastion tunnel reach). Pure data derived from the seed; no I/O.
import type { Seed } from '../seed/seed-schema';

export const JUMPBOX_VM_NAME = 'vm-jumpbox';
export const JUMPBOX_HOSTNAME = 'jumpbox.internal.sandbox';
export const JUMPBOX_SSH_PORT = 22;
/** Its NIC's private address in the jumpbox subnet (data: the DNS answer and the servicePorts key, never dialled). */
export const JUMPBOX_PRIVATE_ADDRESS = '10.0.2.4';
export const JUMPBOX_NIC_NAME = 'vm-jumpbox-nic';
/** Resource group used when the seed's first subscription has none. */
const FALLBACK_RESOURCE_GROUP = 'rg-network';

export interface JumpboxVm {
  /** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/vm-jumpbox` */
  readonly resourceId: string;
  /** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/networkInterfaces/vm-jumpbox-nic` */
  readonly nicResourceId: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly hostname: string;
  readonly privateAddress: string;
  readonly sshPort: number;
}

/** The jumpbox lives in the seed's first subscription and resource group. */
export function jumpboxVm(seed: Pick<Seed, 'subscriptions'>): JumpboxVm {
  const subscription = seed.subscriptions[0];
  if (!subscription) throw new Error('the seed has no subscription for the jumpbox VM');
  const resourceGroup = subscription.resourceGroups[0]?.name ?? FALLBACK_RESOURCE_GROUP;
  const group = `/subscriptions/${subscription.subscriptionId}/resourceGroups/${resourceGroup}`;
  return {
    resourceId: `${group}/providers/Microsoft.Compute/virtualMachines/${JUMPBOX_VM_NAME}`,
    nicResourceId: `${group}/providers/Microsoft.Network/networkInterfaces/${JUMPBOX_NIC_NAME}`,
    subscriptionId: subscription.subscriptionId,
    resourceGroup,
    hostname: JUMPBOX_HOSTNAME,
    privateAddress: JUMPBOX_PRIVATE_ADDRESS,
    sshPort: JUMPBOX_SSH_PORT,
  };
}

/** ARM resource ids compare case-insensitively. */
export function sameResourceId(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}
