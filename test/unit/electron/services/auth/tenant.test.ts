import { describe, expect, it } from 'vitest';
import { authorityFor } from '../../../../../electron/services/auth/tenant';
import { BUILTIN_CLOUDS } from '../../../../../electron/services/environments/builtin-clouds';
import type { Environment } from '../../../../../electron/services/environments';

const cloud = BUILTIN_CLOUDS.find((e) => e.id === 'AzureCloud')!;
const TENANT = '7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162';
const pinned: Environment = { ...cloud, id: 'Sandbox', displayName: 'Local sandbox', kind: 'sandbox', authority: `https://localhost:4431/${TENANT}`, tenantId: TENANT };

describe('tenant before the prompt', () => {
  it('signs in to the tenant named, or any work account when none is', () => {
    expect(authorityFor(cloud)).toBe('https://login.microsoftonline.com/organizations');
    expect(authorityFor(cloud, 'contoso.com')).toBe('https://login.microsoftonline.com/contoso.com');
    expect(authorityFor(cloud, ` ${TENANT.toUpperCase()} `)).toBe(`https://login.microsoftonline.com/${TENANT}`);
  });

  it('refuses what is not a tenant name, in plain words', () => {
    for (const bad of ['contoso', 'a/b', 'x.com/../evil', '..', 'common?x=1']) {
      expect(() => authorityFor(cloud, bad)).toThrow(/not a tenant name/);
    }
  });

  it('keeps a pinned environment on its own tenant', () => {
    expect(authorityFor(pinned)).toBe(pinned.authority);
    expect(authorityFor(pinned, TENANT)).toBe(pinned.authority);
    expect(() => authorityFor(pinned, 'fabrikam.com')).toThrow(/signs in to one tenant only/);
  });
});
