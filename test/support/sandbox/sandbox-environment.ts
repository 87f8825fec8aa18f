// The Airlock Environment for a running sandbox IdP, as the environment-file loader would produce it.
import type { Environment } from '../../../electron/services';
import type { IdentityProvider } from '../../../sandbox/idp';
import type { Seed } from '../../../sandbox/seed/seed-schema';

export function environmentForIdp(idp: Pick<IdentityProvider, 'authority' | 'knownAuthority'>, seed: Seed, caCertPath: string, id = 'Sandbox'): Environment {
  return {
    id,
    displayName: 'Local sandbox',
    kind: 'sandbox',
    authorityHost: new URL(idp.authority).origin,
    authority: idp.authority,
    knownAuthorities: [idp.knownAuthority],
    tenantId: seed.tenant.id,
    clientId: seed.client.id,
    armEndpoint: 'https://localhost:1',
    armScope: 'https://management.azure.com/.default',
    mlScope: 'https://ml.azure.com/.default',
    inferenceDnsSuffix: 'inference.ml.azure.com',
    privateDnsZones: ['privatelink.api.azureml.ms'],
    caCertPath,
    armLegacyScope: 'https://management.core.windows.net//.default',
    network: { privateRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] },
  };
}
