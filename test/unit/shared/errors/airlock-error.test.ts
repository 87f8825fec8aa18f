import { describe, expect, it } from 'vitest';
import { AirlockError, errorShape, isErrorShape } from '../../../../shared/errors/airlock-error';
import { ERROR_CODES, ERROR_DEFAULTS } from '../../../../shared/errors/codes';

describe('typed errors', () => {
  it.each(ERROR_CODES)('%s has plain words: a sentence and a next step', (code) => {
    const d = ERROR_DEFAULTS[code];
    expect(d.message).toMatch(/^[A-Z].*[.]$/);
    expect(d.message.length).toBeLessThan(160);
    expect(d.hint).toMatch(/^[A-Z].*[.]$/);
    expect(d.message).not.toMatch(/undefined|null|exception|stack|E_[A-Z]/);
  });

  it('builds the shape with defaults and overrides', () => {
    expect(errorShape('E_TIMEOUT')).toEqual({ code: 'E_TIMEOUT', message: ERROR_DEFAULTS.E_TIMEOUT.message, hint: ERROR_DEFAULTS.E_TIMEOUT.hint, retryable: true });
    const custom = new AirlockError('E_POLICY_DENIED', { message: 'Invoking endpoints is turned off on this computer.', details: { rule: 'invoke.disabled', reason: 'Invoking is off.', source: 'policy' } });
    expect(custom.toShape()).toMatchObject({ code: 'E_POLICY_DENIED', retryable: false, details: { rule: 'invoke.disabled' } });
  });

  it('survives a structured-clone round trip as a shape', () => {
    const shape = structuredClone(new AirlockError('E_NOT_PRIVATE').toShape());
    expect(isErrorShape(shape)).toBe(true);
    expect(AirlockError.fromShape(shape).toShape()).toEqual(shape);
  });

  it.each([null, undefined, 'E_TLS', {}, { code: 'E_NOPE', message: 'x', retryable: true }, { code: 'E_TLS', message: 1, retryable: true }])(
    'rejects %j as a shape',
    (value) => expect(isErrorShape(value)).toBe(false),
  );
});
