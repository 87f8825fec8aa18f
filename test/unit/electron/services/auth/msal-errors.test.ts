// toAuthError for a browser sign-in the user left at the IdP: msal-node throws a ServerError with errorCode
// access_denied and the server's error_description as errorMessage; only the AADSTS number picks the words.
import { ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { entraErrorCode, toAuthError } from '../../../../../electron/services/auth/msal-errors';

const denied = (description?: string, subError?: string) => new ServerError('access_denied', 'corr-id', description, subError);

describe('browser sign-in refused at the IdP', () => {
  it('maps wrong password, wrong code, locked and cancel by AADSTS number', () => {
    expect(toAuthError(denied('AADSTS50126: Error validating credentials due to invalid username or password.\r\nTrace ID: x')).toShape()).toMatchObject({
      code: 'E_AUTH_REQUIRED',
      message: 'The password was not accepted.',
      details: { reason: 'AADSTS50126' },
    });
    expect(toAuthError(denied('AADSTS500121: Authentication failed during strong authentication request.'))).toMatchObject({ message: 'The verification code was not accepted.', details: { reason: 'AADSTS500121' } });
    expect(toAuthError(denied('AADSTS50053: locked'))).toMatchObject({ message: 'Your account is locked after too many failed sign-in attempts.', retryable: false, details: { reason: 'AADSTS50053' } });
    expect(toAuthError(denied('AADSTS65004: User declined to consent to access the app.'))).toMatchObject({ message: 'Sign-in was cancelled in the browser.', retryable: true });
  });

  it('reads an access_denied without a number (Entra’s error_subcode=cancel) as a cancel', () => {
    expect(toAuthError(denied())).toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled in the browser.', details: { reason: 'access_denied' } });
    expect(toAuthError(denied('AADSTS53003: blocked by Conditional Access', 'cancel'))).toMatchObject({ message: 'Sign-in was cancelled in the browser.' });
  });

  it('never passes the server’s words through; an unknown number is kept as the reason', () => {
    const shape = toAuthError(denied('AADSTS53003: Access has been blocked by Conditional Access policies. secret-detail')).toShape();
    expect(shape).toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in did not complete.', details: { reason: 'AADSTS53003' } });
    expect(JSON.stringify(shape)).not.toMatch(/secret-detail|Conditional/);
    expect(JSON.stringify(toAuthError(denied('AADSTS50126: password Hunter2 was wrong')).toShape())).not.toContain('Hunter2');
  });

  it('finds the number anywhere in the description, and nothing in text without one', () => {
    expect(entraErrorCode('AADSTS50126: x')).toBe('AADSTS50126');
    expect(entraErrorCode('error: AADSTS500121: y')).toBe('AADSTS500121');
    expect(entraErrorCode('TEST50076: z')).toBeUndefined();
    expect(entraErrorCode(undefined)).toBeUndefined();
  });
});
