// Per-code error details: one strict schema per code in shared/, used by main when errors are made, by the
// gateway on the way out, and by the renderer when it reads them. The step-up wording lives there too.
import { describe, expect, it } from 'vitest';
import { createStepUpRegistry } from '../../../../electron/services/auth/step-up-registry';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { ERROR_CODES } from '../../../../shared/errors/codes';
import { codeDetail, detailsFit, detailsOf, ERROR_DETAILS, hostDetail, StepUpDetails } from '../../../../shared/errors/details';
import { STEP_UP_REASON_WORDS, STEP_UP_REASONS, stepUpMessage } from '../../../../shared/errors/step-up-words';
import { fixedClock } from '../../../support/test-airlock';

describe('error details', () => {
  it('declares a strict schema for every code: undeclared keys never fit', () => {
    expect(Object.keys(ERROR_DETAILS).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      expect(detailsFit(code, undefined)).toBe(true);
      expect(detailsFit(code, { accessToken: 'PLANTED' })).toBe(false);
    }
  });

  it("main's step-up error carries exactly the declared details, and its words come from shared", () => {
    const registry = createStepUpRegistry(fixedClock());
    for (const reason of STEP_UP_REASONS) {
      // No username known: the detail is still there (empty), so the renderer never meets a half shape.
      const error = registry.require({ accountId: `a-${reason}`, environmentId: 'Sandbox', resource: 'ml', claims: '{}', reason });
      expect(StepUpDetails.parse(error.details)).toMatchObject({ resource: 'Azure Machine Learning', reason, account: '' });
      expect(error.message).toBe(stepUpMessage('ml', reason));
      expect(STEP_UP_REASON_WORDS[reason].explanation).toMatch(/^[A-Z].*\.$/);
    }
    const named = registry.require({ accountId: 'b', environmentId: 'Sandbox', resource: 'arm', claims: '{"x":1}', reason: 'claims-challenge', authContextId: 'c1', username: 'bob@contoso.test' });
    expect(detailsOf('E_STEP_UP_REQUIRED', named.toShape())).toEqual({
      stepUpId: named.details?.['stepUpId'],
      resource: 'Azure Resource Manager',
      reason: 'claims-challenge',
      account: 'bob@contoso.test',
      authContext: 'c1',
    });
  });

  it('holds codes and hosts to their shapes, and the producer filters do the same', () => {
    for (const host of ['arm.test:8443', 'login.microsoftonline.us', '127.0.0.1:5123', '[::1]:8443', 'localhost']) {
      expect(hostDetail(host)).toBe(host);
      expect(detailsFit('E_UNAVAILABLE', { host })).toBe(true);
    }
    for (const host of ['arm.test/path', 'two words', 'a..b', `${'a'.repeat(64)}.test`, 'x'.repeat(129)]) {
      expect(hostDetail(host)).toBeUndefined();
      expect(detailsFit('E_UNAVAILABLE', { host })).toBe(false);
    }
    for (const code of ['AADSTS50126', 'invalid_grant', 'ERR_TLS_CERT_ALTNAME_INVALID', 'Microsoft.Authorization.Failed']) expect(codeDetail(code)).toBe(code);
    for (const code of ['two words', '', 'x'.repeat(65), 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', 42]) {
      expect(codeDetail(code)).toBeUndefined();
      expect(detailsFit('E_AUTH_REQUIRED', { reason: code })).toBe(false);
    }
  });

  it('reads details only for their own code, and only when they fit', () => {
    const locked = new AirlockError('E_AUTH_REQUIRED', { details: { vault: 'locked' } });
    expect(detailsOf('E_AUTH_REQUIRED', locked)).toEqual({ vault: 'locked' });
    expect(detailsOf('E_STEP_UP_REQUIRED', locked)).toBeNull();
    expect(detailsOf('E_STEP_UP_REQUIRED', { code: 'E_STEP_UP_REQUIRED', details: { stepUpId: 'id' } })).toBeNull();
    expect(detailsOf('E_AUTH_REQUIRED', null)).toBeNull();
  });
});
