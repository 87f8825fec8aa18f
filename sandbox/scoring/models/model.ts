// The contract between the scoring server and the small models it runs, and the two ways a model can fail:
// InputError (the request does not fit the model's input schema → 400, like MLflow's schema enforcement) and
// any other throw (the model itself broke → 424, like a container whose run() raised).
// A model must never do I/O, keep state between requests, or use randomness: same input, same output.

export class InputError extends Error {
  override name = 'InputError';
  /** MLflow's error_code: MALFORMED_REQUEST (not JSON at all) or BAD_REQUEST (does not fit the schema). */
  constructor(
    message: string,
    readonly errorCode: 'BAD_REQUEST' | 'MALFORMED_REQUEST' = 'BAD_REQUEST',
  ) {
    super(message);
  }
}

/** A validated request, ready to run. run() may throw (a model error), it never returns undefined. */
export interface PreparedRun {
  readonly rows: number;
  run(): unknown[];
}

/** What swagger.json says about a model. Schemas are Swagger 2.0 / JSON Schema fragments. */
export interface ModelDescription {
  readonly title: string;
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema: Record<string, unknown>;
  readonly inputExample: unknown;
  readonly outputExample: unknown;
}

export interface ScoringModel {
  readonly name: string;
  readonly maxRows: number;
  readonly description: ModelDescription;
  /** Validates `input_data` (throws InputError with a message naming the problem) and binds it to the model. */
  prepare(inputData: unknown): PreparedRun;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A short, JSON-ish rendering of a bad value for error messages (never the whole payload). */
export function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Too deep or cyclic for JSON.stringify — and possibly for String() too.
    text = Array.isArray(value) ? '[...]' : typeof value === 'object' ? '{...}' : typeof value;
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** A column or key name quoted for an error message: control characters escaped, at most 40 characters. */
export function quoteName(name: string): string {
  const escaped = JSON.stringify(name.length > 40 ? `${name.slice(0, 37)}...` : name).slice(1, -1);
  return `'${escaped}'`;
}
