import { InteractionRequiredAuthError, AuthError } from '@azure/msal-node';
import { describe, expect, it, vi } from 'vitest';
import { guardBrowserOpener } from '../../../../../electron/services/auth/browser-guard';
import { authContextClaims, claimsFromChallenge } from '../../../../../electron/services/auth/claims-challenge';
import { createInteractiveGate } from '../../../../../electron/services/auth/interactive-gate';
import type { Scheduler } from '../../../../../electron/services/ports';
import { toAuthError } from '../../../../../electron/services/auth/msal-errors';
import { redactSecrets } from '../../../../../electron/services/logging';
import { AirlockError } from '../../../../../shared/errors/airlock-error';

function manualScheduler(): Scheduler & { fire(): void } {
  const pending: Array<() => void> = [];
  return {
    schedule: (_ms, fn) => {
      pending.push(fn);
      return { cancel: () => void (pending.includes(fn) && pending.splice(pending.indexOf(fn), 1)) };
    },
    fire: () => pending.splice(0).forEach((fn) => fn()),
  };
}

describe('browser guard', () => {
  const authority = 'https://login.microsoftonline.com/7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162';
  it('opens https pages on the authority host only', async () => {
    const open = vi.fn(async () => undefined);
    const guarded = guardBrowserOpener(open, authority);
    await guarded('https://login.microsoftonline.com/7f3c1a2e/oauth2/v2.0/authorize?client_id=x');
    expect(open).toHaveBeenCalledTimes(1);
    for (const bad of ['http://login.microsoftonline.com/x', 'https://login.microsoftonline.com.evil.example/x', 'https://evil.example/', 'https://user:pw@login.microsoftonline.com/', 'file:///etc/passwd', 'not a url']) {
      await expect(guarded(bad), bad).rejects.toBeInstanceOf(AirlockError);
    }
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe('claims challenges', () => {
  it('decodes insufficient_claims challenges and ignores everything else', () => {
    const claims = authContextClaims('c1');
    const header = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${Buffer.from(claims).toString('base64')}"`;
    expect(claimsFromChallenge(header)).toBe(claims);
    expect(JSON.parse(claims)).toEqual({ access_token: { acrs: { essential: true, value: 'c1' } } });
    expect(claimsFromChallenge('Bearer error="invalid_token"')).toBeNull();
    expect(claimsFromChallenge('Bearer error="insufficient_claims", claims="!!!"')).toBeNull();
    expect(claimsFromChallenge(undefined)).toBeNull();
  });
});

describe('interactive gate', () => {
  it('allows one prompt at a time, cancels, and times out by its scheduler', async () => {
    const scheduler = manualScheduler();
    const gate = createInteractiveGate(600_000, scheduler);
    const never = gate.run(() => new Promise<string>(() => undefined));
    await expect(gate.run(async () => 'second')).rejects.toMatchObject({ code: 'E_BAD_REQUEST', message: 'A sign-in is already in progress in your browser.' });
    expect(gate.cancel()).toBe(true);
    await expect(never).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });
    expect(gate.busy).toBe(false);

    const slow = gate.run(() => new Promise<string>(() => undefined));
    scheduler.fire();
    await expect(slow).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    expect(await gate.run(async () => 'ok')).toBe('ok');
  });
});

describe('MSAL errors', () => {
  it('maps claims challenges to step-up and keeps MSAL’s own text out', () => {
    const stepUp = toAuthError(new InteractionRequiredAuthError('interaction_required', 'corr', 'TEST50076 secret-detail eyJhbGciOi.x.y', 'basic_action'), { resource: 'Azure Resource Manager' });
    expect(stepUp.code).toBe('E_STEP_UP_REQUIRED');
    expect(stepUp.message).toBe('Access to Azure Resource Manager needs a stronger sign-in (for example multi-factor authentication).');
    expect(JSON.stringify(stepUp.toShape())).not.toMatch(/secret-detail|eyJ/);
    expect(toAuthError(new InteractionRequiredAuthError('no_tokens_found', 'c')).code).toBe('E_AUTH_REQUIRED');
    expect(toAuthError(new AuthError('network_error', 'fetch failed to https://x/?code=abc')).code).toBe('E_UNAVAILABLE');
    expect(toAuthError(new TypeError('boom')).code).toBe('E_INTERNAL');
  });
});

describe('log redaction', () => {
  it('removes JWTs, secret parameters and long opaque strings', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const text = `token ${jwt} then code=0.AXkAabc123&state=s refresh 0.ARwA${'x'.repeat(60)} done`;
    const out = redactSecrets(text);
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('0.AXkAabc123');
    expect(out).not.toContain('x'.repeat(60));
    expect(out).toContain('done');
  });
});
