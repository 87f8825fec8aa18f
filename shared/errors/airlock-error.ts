// The one error shape that crosses every boundary (IPC, CLI, audit): {code, message, hint?, retryable, details?}.
// `details` carries display-safe facts only (ids, rule names); it must never hold tokens, keys or raw exceptions.
import { ERROR_DEFAULTS, isErrorCode, type ErrorCode } from './codes';

export type ErrorDetails = Readonly<Record<string, string | number | boolean>>;

export interface ErrorShape {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint?: string;
  readonly retryable: boolean;
  readonly details?: ErrorDetails;
}

export interface AirlockErrorOptions {
  readonly message?: string;
  readonly hint?: string;
  readonly retryable?: boolean;
  readonly details?: ErrorDetails;
}

export class AirlockError extends Error {
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

  static fromShape(shape: ErrorShape): AirlockError {
    return new AirlockError(shape.code, shape);
  }
}

/** Builds the shape for a code with its default words; used where no richer message exists. */
export function errorShape(code: ErrorCode, options: AirlockErrorOptions = {}): ErrorShape {
  return new AirlockError(code, options).toShape();
}

/** Structural check for values that crossed a process boundary (prototypes do not survive cloning). */
export function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isErrorCode(v['code']) && typeof v['message'] === 'string' && typeof v['retryable'] === 'boolean';
}
