// The vault's own errors, in plain words: locked by the idle timer, busy wiping, a setting out of range, an
// endpoint token without id or value.
// Never carries key or token material.
import { AirlockError } from '../../../shared/errors/airlock-error';

export function wipingError(): AirlockError {
  return new AirlockError('E_AUTH_REQUIRED', {
    message: 'Airlock is removing your saved sign-in from this device.',
    hint: 'Sign in again once it is done.',
    retryable: true,
  });
}

export function vaultLockedError(): AirlockError {
  return new AirlockError('E_AUTH_REQUIRED', {
    message: 'Airlock locked your session after a period of inactivity.',
    hint: 'Choose Unlock in the Session panel; if Airlock then asks, sign in again.',
    retryable: true,
    details: { vault: 'locked' },
  });
}

export function positiveMs(value: number | undefined, fallback: number, setting: string, max = Number.POSITIVE_INFINITY): number {
  const ms = value ?? fallback;
  if (!Number.isFinite(ms) || ms <= 0 || ms > max) {
    throw new AirlockError('E_CONFIG_INVALID', { message: `The vault setting ${setting} is out of range.`, details: { setting } });
  }
  return ms;
}

export function incompleteEndpointToken(): AirlockError {
  return new AirlockError('E_BAD_REQUEST', { message: 'An endpoint token needs an endpoint id and a value.' });
}
