import { describe, expect, it } from 'vitest';
import { createStepUpRegistry, type StepUpChallenge } from '../../../../../electron/services/auth/step-up-registry';
import { factsOfClaims, mfaFactsOf, showsMfa } from '../../../../../electron/services/auth/token-claims';
import { fixedClock } from '../../../../support/test-airlock';

const challenge: StepUpChallenge = {
  accountId: 'oid.tid',
  environmentId: 'Sandbox',
  resource: 'arm',
  claims: '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}',
  reason: 'claims-challenge',
  authContextId: 'c1',
};

const jwt = (claims: Record<string, unknown>) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('step-up registry', () => {
  it('hands out an opaque id in a typed error naming the resource, and takes it back exactly once', () => {
    const registry = createStepUpRegistry(fixedClock());
    const error = registry.require(challenge);
    expect(error.code).toBe('E_STEP_UP_REQUIRED');
    expect(error.message).toBe('Azure Resource Manager asked for a stronger sign-in.');
    expect(error.details).toMatchObject({ resource: 'Azure Resource Manager', reason: 'claims-challenge', authContext: 'c1' });
    const id = String(error.details?.['stepUpId']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The claims stay in main: nothing of them is in what crosses to the renderer.
    expect(JSON.stringify(error.toShape())).not.toContain('essential');
    expect(registry.take(id)).toEqual(challenge);
    expect(registry.take(id)).toBeUndefined();
  });

  it('gives parallel calls needing the same step-up the same id', () => {
    const registry = createStepUpRegistry(fixedClock());
    const a = registry.require(challenge).details?.['stepUpId'];
    const b = registry.require({ ...challenge }).details?.['stepUpId'];
    const c = registry.require({ ...challenge, resource: 'ml' }).details?.['stepUpId'];
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('forgets a challenge after ten minutes, and never holds more than a handful', () => {
    const clock = fixedClock();
    const registry = createStepUpRegistry(clock);
    const id = String(registry.require(challenge).details?.['stepUpId']);
    clock.advance(10 * 60_000);
    expect(registry.take(id)).toBeUndefined();
    const ids = Array.from({ length: 40 }, (_, i) => String(registry.require({ ...challenge, accountId: `a${i}` }).details?.['stepUpId']));
    expect(registry.take(ids[0]!)).toBeUndefined();
    expect(registry.take(ids[39]!)).toMatchObject({ accountId: 'a39' });
  });
});

describe('MFA facts of an access token', () => {
  it('reads amr and acrs, and shows MFA by either', () => {
    const facts = (claims: Record<string, unknown>) => mfaFactsOf(jwt(claims))!;
    expect(showsMfa(facts({ amr: ['pwd', 'mfa'] }), 'c1')).toBe(true);
    expect(showsMfa(facts({ amr: ['pwd'], acrs: ['c1'] }), 'c1')).toBe(true);
    expect(showsMfa(facts({ amr: ['pwd'], acrs: ['c2'] }), 'c1')).toBe(false);
    expect(showsMfa(facts({ amr: 'mfa' }), 'c1')).toBe(false);
  });

  it('reads nothing from an opaque or malformed token (then the id token is asked; neither showing MFA is a step-up)', () => {
    for (const token of ['opaque-token', 'a.!!!.c', 'a..c', `a.${Buffer.from('[1]').toString('base64url')}.c`, '', 'a.b.c.d.e']) {
      expect(mfaFactsOf(token)).toBeNull();
    }
    expect(showsMfa(factsOfClaims({ amr: ['pwd', 'mfa'] }), 'c1')).toBe(true);
    expect(showsMfa(factsOfClaims(undefined), 'c1')).toBe(false);
  });
});
