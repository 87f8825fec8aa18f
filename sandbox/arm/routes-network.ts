// Handlers for the private network's ARM resources (azure-wire-format.md §14.1): the Bastion host
// (`Microsoft.Network/bastionHosts`: SKU Standard, native-client tunnelling on, its dnsName), the jumpbox VM
// and its NIC. They live in the jumpbox's resource group. Read-only; RBAC first (403 for a caller without
// read on the resource, whether or not it exists), then 404 for a name that is not there.
import { bastionHost } from '../network/bastion-host';
import { jumpboxVm, sameResourceId } from '../network/jumpbox-vm';
import { resourceNotFound } from './arm-error';
import { authorize, findGroup, findSubscription, ok, scopeOf, type ArmCall, type ArmService, type Handler } from './arm-service';

export const NETWORK_API_VERSIONS = ['2024-01-01', '2024-03-01', '2024-05-01', '2023-11-01', '2023-09-01'] as const;
export const COMPUTE_API_VERSIONS = ['2024-07-01', '2024-03-01', '2023-09-01', '2023-07-01'] as const;

export const NetworkActions = {
  bastionHostsRead: 'Microsoft.Network/bastionHosts/read',
  networkInterfacesRead: 'Microsoft.Network/networkInterfaces/read',
  virtualMachinesRead: 'Microsoft.Compute/virtualMachines/read',
} as const;

/** RBAC on the addressed scope, then the one resource of this type, or 404. */
function lookup(svc: ArmService, call: ArmCall, action: string, type: string, id: string): void {
  const sub = findSubscription(svc, call);
  authorize(svc, call, action, scopeOf(call));
  const group = findGroup(sub, call);
  if (!sameResourceId(scopeOf(call), id)) throw resourceNotFound(type, call.params['name'] ?? '', group.seed.name);
}

const locationOf = (svc: ArmService) => svc.seed.subscriptions[0]?.resourceGroups[0]?.location ?? 'westeurope';

export const getBastionHost: Handler = (svc, call) => {
  const bastion = bastionHost(svc.seed);
  lookup(svc, call, NetworkActions.bastionHostsRead, 'Microsoft.Network/bastionHosts', bastion.resourceId);
  const subnet = bastion.resourceId.replace(/\/providers\/.*$/, '/providers/Microsoft.Network/virtualNetworks/vnet-bastion/subnets/AzureBastionSubnet');
  return ok({
    id: bastion.resourceId,
    name: bastion.name,
    type: 'Microsoft.Network/bastionHosts',
    location: bastion.location,
    etag: 'W/"00000000-0000-0000-0000-000000000001"',
    sku: { name: 'Standard' },
    properties: {
      provisioningState: 'Succeeded',
      dnsName: bastion.dnsName,
      scaleUnits: 2,
      enableTunneling: true,
      enableIpConnect: false,
      enableShareableLink: false,
      enableKerberos: false,
      enableFileCopy: false,
      disableCopyPaste: false,
      ipConfigurations: [{ id: `${bastion.resourceId}/bastionHostIpConfigurations/IpConf`, name: 'IpConf', properties: { privateIPAllocationMethod: 'Dynamic', subnet: { id: subnet } } }],
    },
  });
};

export const getVirtualMachine: Handler = (svc, call) => {
  const vm = jumpboxVm(svc.seed);
  lookup(svc, call, NetworkActions.virtualMachinesRead, 'Microsoft.Compute/virtualMachines', vm.resourceId);
  return ok({
    id: vm.resourceId,
    name: 'vm-jumpbox',
    type: 'Microsoft.Compute/virtualMachines',
    location: locationOf(svc),
    properties: {
      provisioningState: 'Succeeded',
      vmId: '6a0e3c41-0000-4000-8000-00000000c0de',
      hardwareProfile: { vmSize: 'Standard_B1s' },
      storageProfile: { osDisk: { osType: 'Linux', name: 'vm-jumpbox-osdisk' } },
      osProfile: { computerName: 'jumpbox', adminUsername: 'azureuser', linuxConfiguration: { disablePasswordAuthentication: true } },
      networkProfile: { networkInterfaces: [{ id: vm.nicResourceId, properties: { primary: true } }] },
    },
  });
};

export const getNetworkInterface: Handler = (svc, call) => {
  const vm = jumpboxVm(svc.seed);
  lookup(svc, call, NetworkActions.networkInterfacesRead, 'Microsoft.Network/networkInterfaces', vm.nicResourceId);
  const subnet = vm.nicResourceId.replace(/\/providers\/.*$/, '/providers/Microsoft.Network/virtualNetworks/vnet-bastion/subnets/snet-jumpbox');
  return ok({
    id: vm.nicResourceId,
    name: vm.nicResourceId.split('/').pop(),
    type: 'Microsoft.Network/networkInterfaces',
    location: locationOf(svc),
    properties: {
      provisioningState: 'Succeeded',
      primary: true,
      virtualMachine: { id: vm.resourceId },
      ipConfigurations: [
        {
          id: `${vm.nicResourceId}/ipConfigurations/ipconfig1`,
          name: 'ipconfig1',
          properties: { privateIPAddress: vm.privateAddress, privateIPAllocationMethod: 'Static', privateIPAddressVersion: 'IPv4', primary: true, subnet: { id: subnet } },
        },
      ],
    },
  });
};
