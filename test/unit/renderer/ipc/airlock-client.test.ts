import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../renderer/ipc/airlock-client';
import { AirlockError, errorShape } from '../../../../shared/errors/airlock-error';

describe('renderer IPC client', () => {
  it('returns the value of an ok result', async () => {
    expect(await unwrap(Promise.resolve({ ok: true as const, value: 7 }))).toBe(7);
  });

  it('throws the typed error of a failed result', async () => {
    const error = await unwrap(Promise.resolve({ ok: false as const, error: errorShape('E_RATE_LIMITED') })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirlockError);
    expect((error as AirlockError).code).toBe('E_RATE_LIMITED');
  });

  it('turns a bridge failure or a malformed error into E_INTERNAL', async () => {
    const rejected = await unwrap(Promise.reject(new Error("Error invoking remote method 'app.info': DataCloneError"))).catch((e: unknown) => e);
    expect((rejected as AirlockError).code).toBe('E_INTERNAL');
    const malformed = await unwrap(Promise.resolve({ ok: false, error: { code: 'NOPE' } } as never)).catch((e: unknown) => e);
    expect((malformed as AirlockError).code).toBe('E_INTERNAL');
  });
});
