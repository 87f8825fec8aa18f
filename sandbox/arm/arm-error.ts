// The ARM error envelope ({ error: { code, message, target?, details, additionalInfo } }) and the error type
// handlers throw to produce it. Messages are written for the caller: they echo only names the caller sent
// and never carry stack traces, internal paths, secrets or names of resources the caller cannot see.

export interface ArmErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

export interface ArmErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly target?: string;
    readonly details: readonly ArmErrorDetail[];
    readonly additionalInfo: ReadonlyArray<{ readonly type: string; readonly info: Record<string, unknown> }>;
  };
}

export class ArmError extends Error {
  override name = 'ArmError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      readonly target?: string;
      readonly details?: readonly ArmErrorDetail[];
      /** Extra response headers (WWW-Authenticate, Retry-After, ...). */
      readonly headers?: Readonly<Record<string, string>>;
      /** Errors answered by the ARM front door (auth, RBAC, throttling) rather than the resource provider. */
      readonly gateway?: boolean;
      /** A sandbox-log event the pipeline writes (with the request id) when it answers this error. */
      readonly event?: { readonly name: string; readonly fields: Readonly<Record<string, string | number | boolean | undefined>> };
    } = {},
  ) {
    super(message);
  }
}

/** Shortens and quotes a caller-supplied value for use inside a message. */
export function quoted(value: string, max = 80): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this replaces
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The envelope; resource-provider errors carry the AML-style additionalInfo (component, correlation, time). */
export function errorBody(error: ArmError, context: { correlationId: string; requestId: string; region: string; now: Date }): ArmErrorBody {
  const additionalInfo = error.extra.gateway
    ? []
    : [
        { type: 'ComponentName', info: { value: 'managementfrontend' } },
        { type: 'Correlation', info: { value: { operation: context.correlationId.replace(/-/g, ''), request: context.requestId.replace(/-/g, '').slice(0, 16) } } },
        { type: 'Environment', info: { value: context.region } },
        { type: 'Location', info: { value: context.region } },
        { type: 'Time', info: { value: context.now.toISOString() } },
      ];
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.extra.target !== undefined ? { target: error.extra.target } : {}),
      details: error.extra.details ?? [],
      additionalInfo,
    },
  };
}

// ─── common errors ───────────────────────────────────────────────────────────────────────────────────

export const notFound = (kind: string, name: string): ArmError =>
  new ArmError(404, 'NotFound', `The specified resource was not found: ${kind} '${quoted(name)}' does not exist or is not visible to you.`, {
    details: [{ code: 'NotFound', message: 'The specified resource was not found.' }],
  });

export const resourceNotFound = (type: string, name: string, resourceGroup: string): ArmError =>
  new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${quoted(name)}' under resource group '${quoted(resourceGroup)}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    { gateway: true },
  );

export const badRequest = (code: string, message: string, target?: string): ArmError =>
  new ArmError(400, code, message, target === undefined ? {} : { target });
