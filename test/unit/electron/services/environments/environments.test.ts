import { describe, expect, it } from 'vitest';
import { createEnvironmentsService } from '../../../../../electron/services/environments';

describe('environments', () => {
  it('knows the three Azure clouds with https authorities and .default scopes', () => {
    const all = createEnvironmentsService().list();
    expect(all.map((e) => e.id)).toEqual(['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud']);
    for (const env of all) {
      expect(new URL(env.authorityHost).protocol).toBe('https:');
      expect(new URL(env.armEndpoint).protocol).toBe('https:');
      expect(env.armScope.endsWith('/.default')).toBe(true);
      expect(env.mlScope.endsWith('/.default')).toBe(true);
      expect(env.privateDnsZones.length).toBeGreaterThan(0);
      expect(env.network).toEqual({ privateRanges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] });
    }
  });

  it('knows each cloud’s legacy ARM scope (the one Bastion’s aztoken is minted for; note the double slash)', () => {
    expect(createEnvironmentsService().list().map((e) => e.armLegacyScope)).toEqual([
      'https://management.core.windows.net//.default',
      'https://management.core.usgovcloudapi.net//.default',
      'https://management.core.chinacloudapi.cn//.default',
    ]);
  });

  it('adds extra environments after the built-in ones', () => {
    const sandbox = { ...createEnvironmentsService().list()[0]!, id: 'Sandbox', displayName: 'Local sandbox', kind: 'sandbox' as const };
    expect(createEnvironmentsService([sandbox]).summaries().at(-1)).toEqual({ id: 'Sandbox', displayName: 'Local sandbox', kind: 'sandbox', pinnedTenant: null });
    const pinned = { ...sandbox, authority: 'https://localhost:1/t-1', tenantId: 't-1' };
    expect(createEnvironmentsService([pinned]).summaries().at(-1)).toMatchObject({ pinnedTenant: 't-1' });
    expect(createEnvironmentsService([sandbox]).defaultId()).toBe('Sandbox');
    expect(createEnvironmentsService().defaultId()).toBeNull();
  });
});
