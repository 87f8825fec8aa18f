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
    }
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
