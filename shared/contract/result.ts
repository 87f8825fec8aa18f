// What every IPC call resolves to. Handlers return failures instead of throwing, because Electron
// reduces a thrown error to a prefixed message and drops `code`, `hint` and `retryable`.
import type { ErrorShape } from '../errors/airlock-error';

export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorShape };

export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

export function failed<T = never>(error: ErrorShape): IpcResult<T> {
  return { ok: false, error };
}
