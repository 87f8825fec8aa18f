// The three Azure clouds Airlock knows without configuration. Data only; values from
// docs/azure-wire-format.md (authority hosts, ARM and ML scopes, inference suffix, private DNS zones).
import type { Environment } from './environment';

/** RFC 1918 and carrier-grade NAT (100.64/10), where VPNs and private endpoints live (reference-wave2 §C.4). */
export const DEFAULT_PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

export const BUILTIN_CLOUDS: readonly Environment[] = [
  {
    id: 'AzureCloud',
    displayName: 'Azure (public)',
    kind: 'builtin',
    authorityHost: 'https://login.microsoftonline.com',
    armEndpoint: 'https://management.azure.com',
    armScope: 'https://management.azure.com/.default',
    armLegacyScope: 'https://management.core.windows.net//.default',
    mlScope: 'https://ml.azure.com/.default',
    inferenceDnsSuffix: 'inference.ml.azure.com',
    privateDnsZones: ['privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net'],
    network: { privateRanges: DEFAULT_PRIVATE_RANGES },
  },
  {
    id: 'AzureUSGovernment',
    displayName: 'Azure US Government',
    kind: 'builtin',
    authorityHost: 'https://login.microsoftonline.us',
    armEndpoint: 'https://management.usgovcloudapi.net',
    armScope: 'https://management.usgovcloudapi.net/.default',
    armLegacyScope: 'https://management.core.usgovcloudapi.net//.default',
    mlScope: 'https://ml.azure.us/.default',
    inferenceDnsSuffix: 'inference.ml.azure.us',
    privateDnsZones: ['privatelink.api.ml.azure.us', 'privatelink.notebooks.usgovcloudapi.net'],
    network: { privateRanges: DEFAULT_PRIVATE_RANGES },
  },
  {
    id: 'AzureChinaCloud',
    displayName: 'Azure operated by 21Vianet',
    kind: 'builtin',
    authorityHost: 'https://login.chinacloudapi.cn',
    armEndpoint: 'https://management.chinacloudapi.cn',
    armScope: 'https://management.chinacloudapi.cn/.default',
    armLegacyScope: 'https://management.core.chinacloudapi.cn//.default',
    mlScope: 'https://ml.azure.cn/.default',
    inferenceDnsSuffix: 'inference.ml.azure.cn',
    privateDnsZones: ['privatelink.api.ml.azure.cn', 'privatelink.notebooks.chinacloudapi.cn'],
    network: { privateRanges: DEFAULT_PRIVATE_RANGES },
  },
];
