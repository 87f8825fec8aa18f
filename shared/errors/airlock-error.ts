// The one error shape that crosses every boundary (IPC, CLI, audit): {code, message, hint?, retryable, details?}.
// `details` carries display-safe facts only (ids, rule names); it must never hold tokens, keys or raw exceptions.
// What each code may carry is declared in details.ts; the constructor is typed by it, so a service cannot make
// an error with an undeclared detail (the gateway checks the same schema again on the way out).
import { ERROR_DEFAULTS, isErrorCode, type ErrorCode } from './codes';
import type { ErrorDetailsOf } from './details';

export type ErrorDetails = Readonly<Record<string, string | number | boolean>>;

export interface ErrorShape {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint?: string;
  readonly retryable: boolean;
  readonly details?: ErrorDetails;
}

export interface AirlockErrorOptions<C extends ErrorCode = ErrorCode> {
  readonly message?: string;
  readonly hint?: string;
  readonly retryable?: boolean;
  readonly details?: ErrorDetailsOf<C>;
}

class TypedAirlockError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly retryable: boolean;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, options: AirlockErrorOptions = {}) {
    const defaults = ERROR_DEFAULTS[code];
    super(options.message ?? defaults.message);
    this.name = 'AirlockError';
    this.code = code;
    this.hint = options.hint ?? defaults.hint;
    this.retryable = options.retryable ?? defaults.retryable;
    this.details = options.details;
  }

  toShape(): ErrorShape {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }

  /** A shape that crossed a boundary; its details are kept as they came (read them with detailsOf). */
  static fromShape(shape: ErrorShape): TypedAirlockError {
    return new TypedAirlockError(shape.code, shape);
  }
}

/**
 * The class, seen through a construct signature that ties `details` to the code (a class constructor cannot
 * take type parameters of its own, and a generic class would make `instanceof` narrow to `any`).
 */
interface AirlockErrorConstructor {
  new <C extends ErrorCode>(code: C, options?: AirlockErrorOptions<C>): TypedAirlockError;
  readonly prototype: TypedAirlockError;
  fromShape(shape: ErrorShape): TypedAirlockError;
}

export type AirlockError = TypedAirlockError;
export const AirlockError = TypedAirlockError as AirlockErrorConstructor;

/** Builds the shape for a code with its default words; used where no richer message exists. */
export function errorShape<C extends ErrorCode>(code: C, options: AirlockErrorOptions<C> = {}): ErrorShape {
  return new AirlockError(code, options).toShape();
}

/** Structural check for values that crossed a process boundary (prototypes do not survive cloning). */
export function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isErrorCode(v['code']) && typeof v['message'] === 'string' && typeof v['retryable'] === 'boolean';
}
