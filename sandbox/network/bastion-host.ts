// The sandbox's one Azure Bastion host as ARM describes it (azure-wire-format.md §14.1): `bst-sandbox` in
// the jumpbox's resource group, SKU Standard with native-client tunnelling on, and a `dnsName`
// `bst-<guid>.bastion.sandbox.test` (the GUID derived from the subscription, so it is the same at every
// start). The dnsName is a public name: the DNS server answers it with a public address (data) and
// `servicePorts` maps `<dnsName>:443` to the Bastion emulator's loopback port. Pure data; no I/O.
import { createHash } from 'node:crypto';
import type { Seed } from '../seed/seed-schema';
import { jumpboxVm } from './jumpbox-vm';

export const BASTION_HOST_NAME = 'bst-sandbox';
/** What public DNS answers for the dnsName (Azure front-end space); never dialled. */
export const BASTION_PUBLIC_ADDRESS = '20.61.10.4';

export interface BastionHost {
  readonly name: string;
  readonly resourceId: string;
  readonly dnsName: string;
  readonly location: string;
}

function guidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function bastionHost(seed: Pick<Seed, 'subscriptions'>): BastionHost {
  const vm = jumpboxVm(seed);
  const location = seed.subscriptions[0]?.resourceGroups[0]?.location ?? 'westeurope';
  return {
    name: BASTION_HOST_NAME,
    resourceId: `/subscriptions/${vm.subscriptionId}/resourceGroups/${vm.resourceGroup}/providers/Microsoft.Network/bastionHosts/${BASTION_HOST_NAME}`,
    dnsName: `bst-${guidFrom(`${vm.subscriptionId}/${BASTION_HOST_NAME}`)}.bastion.sandbox.test`,
    location,
  };
}
