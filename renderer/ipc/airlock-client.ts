// Unwraps IpcResult envelopes into values or AirlockErrors, so components deal in typed errors only.
import type { IpcResult } from '../../shared/contract/result';
import { AirlockError, isErrorShape } from '../../shared/errors/airlock-error';

export async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  let result: IpcResult<T>;
  try {
    result = await pending;
  } catch {
    // Rejection means the bridge itself failed (e.g. a value that cannot be cloned): a bug on our side.
    throw new AirlockError('E_INTERNAL');
  }
  if (result.ok) return result.value;
  throw isErrorShape(result.error) ? AirlockError.fromShape(result.error) : new AirlockError('E_INTERNAL');
}

export function asAirlockError(thrown: unknown): AirlockError {
  return thrown instanceof AirlockError ? thrown : new AirlockError('E_INTERNAL');
}
