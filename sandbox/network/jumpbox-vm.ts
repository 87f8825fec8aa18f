// The one VM of the sandbox's private network: the jumpbox. The SSH jump host plays it, so it has an ARM
// resource id (the Bastion `resourceId` a client asks a tunnel to) and a private DNS name on port 22 (what
// `ssh -J` and the Bastion tunnel reach). Pure data derived from the seed; no I/O.
import type { Seed } from '../seed/seed-schema';

export const JUMPBOX_VM_NAME = 'vm-jumpbox';
export const JUMPBOX_HOSTNAME = 'jumpbox.internal.sandbox';
export const JUMPBOX_SSH_PORT = 22;
/** Resource group used when the seed's first subscription has none. */
const FALLBACK_RESOURCE_GROUP = 'rg-network';

export interface JumpboxVm {
  /** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/vm-jumpbox` */
  readonly resourceId: string;
  readonly hostname: string;
  readonly sshPort: number;
}

/** The jumpbox lives in the seed's first subscription and resource group. */
export function jumpboxVm(seed: Pick<Seed, 'subscriptions'>): JumpboxVm {
  const subscription = seed.subscriptions[0];
  if (!subscription) throw new Error('the seed has no subscription for the jumpbox VM');
  const resourceGroup = subscription.resourceGroups[0]?.name ?? FALLBACK_RESOURCE_GROUP;
  return {
    resourceId: `/subscriptions/${subscription.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${JUMPBOX_VM_NAME}`,
    hostname: JUMPBOX_HOSTNAME,
    sshPort: JUMPBOX_SSH_PORT,
  };
}

/** ARM resource ids compare case-insensitively. */
export function sameResourceId(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}
