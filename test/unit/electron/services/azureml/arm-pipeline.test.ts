// The SDK client's pipeline as Airlock leaves it: none of the SDK policies that would follow a redirect, wait
// out a Retry-After, pick a proxy, log or attach a token of their own; the host pin runs before the sign-in.
import { describe, expect, it } from 'vitest';
import type { AuthService } from '../../../../../electron/services/auth';
import { createArmClient } from '../../../../../electron/services/azureml';
import type { Environment } from '../../../../../electron/services/environments';
import { silentLogger } from '../../../../../electron/services/ports';

describe("the SDK client's pipeline", () => {
  it('keeps no SDK retry, redirect, proxy, log, gzip or bearer policy, and pins the host before signing in', () => {
    const arm = createArmClient({
      auth: {} as AuthService,
      accountId: 'a',
      environment: { id: 'e', armEndpoint: 'https://arm.test:8443' } as Environment,
      send: async () => ({ status: 200, headers: {}, text: '{}' }),
      logger: silentLogger,
    });
    const names = arm.ml('5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d').pipeline.getOrderedPolicies().map((p) => p.name);
    for (const dropped of ['bearerTokenAuthenticationPolicy', 'redirectPolicy', 'defaultRetryPolicy', 'proxyPolicy', 'logPolicy', 'throttlingRetryPolicy', 'exponentialRetryPolicy', 'systemErrorRetryPolicy', 'decompressResponsePolicy']) {
      expect(names).not.toContain(dropped);
    }
    expect(names.indexOf('airlockArmHostPin')).toBeGreaterThan(names.indexOf('airlockArmRetry'));
    expect(names.indexOf('airlockArmSignIn')).toBe(names.indexOf('airlockArmHostPin') + 1);
    expect(names.at(-1)).toBe('airlockArmSignIn');
  });
});
