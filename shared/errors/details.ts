// What each error code may carry in `details`: one strict zod schema per code. Main is held to it when an
// error is made (AirlockError's constructor is typed by it) and again when the error leaves the gateway;
// the renderer parses with the same schema instead of reading loose keys. A key not declared here never
// crosses a boundary, so a token cannot ride along under a new name.
// Detail values are display-safe facts (ids, codes, counts); never tokens, keys, claims or raw exception text.
import { z } from 'zod';
import type { ErrorCode } from './codes';
import { STEP_UP_REASONS, STEP_UP_RESOURCE_NAMES } from './step-up-words';

const Code = z.string().max(64); // a code from outside (MSAL, Entra, ARM, Node), already filtered to a code's shape
const HttpStatus = z.number().int().min(100).max(599);
const None = z.strictObject({});

/** A failed Azure Resource Manager call: its HTTP status and ARM's own error code. */
const ArmFailure = { status: HttpStatus.optional(), armCode: Code.optional() };

export const StepUpDetails = z.strictObject({
  /** The opaque id the renderer answers with (auth.stepUp); the claims it stands for stay in main. */
  stepUpId: z.uuid(),
  resource: z.enum(Object.values(STEP_UP_RESOURCE_NAMES)),
  reason: z.enum(STEP_UP_REASONS),
  /** Who the prompt is for (it may not be the active account). */
  account: z.string().max(256),
  /** The Conditional Access authentication context asked for, when there is one (c1..c99). */
  authContext: z.string().regex(/^c[0-9]{1,2}$/).optional(),
});

export const ERROR_DETAILS = {
  E_BAD_REQUEST: z.strictObject({ expectedHost: z.string().max(128).optional() }),
  E_UNKNOWN_CHANNEL: None,
  E_FORBIDDEN_SENDER: None,
  E_INTERNAL: None,
  E_UNAVAILABLE: z.strictObject({ ...ArmFailure, host: z.string().max(128).optional(), reason: Code.optional() }),
  E_NOT_FOUND: z.strictObject({ ...ArmFailure, environmentId: z.string().max(64).optional() }),
  E_AUTH_REQUIRED: z.strictObject({
    ...ArmFailure,
    /** Entra's AADSTS number, MSAL's error code, or why ARM refused the token (expired, not-yet-valid). */
    reason: Code.optional(),
    /** Set when the idle lock is why: the Session panel offers Unlock. */
    vault: z.literal('locked').optional(),
  }),
  E_STEP_UP_REQUIRED: StepUpDetails,
  E_POLICY_DENIED: z.strictObject({ ...ArmFailure, rule: z.string().max(128).optional(), reason: z.string().max(256).optional() }),
  E_NOT_PRIVATE: None,
  E_HOST_KEY_CHANGED: None,
  E_TLS: z.strictObject({ reason: Code.optional() }),
  E_TIMEOUT: None,
  E_RATE_LIMITED: z.strictObject({ ...ArmFailure, retryAfterSeconds: z.number().nonnegative().optional() }),
  E_KEYCHAIN_UNAVAILABLE: z.strictObject({ keychain: z.string().regex(/^[a-z-]{1,32}$/) }),
  E_AUDIT_UNAVAILABLE: None,
  E_CONFIG_INVALID: z.strictObject({
    environmentId: z.string().max(64).optional(),
    /** A setting out of range, by name. */
    setting: z.string().max(64).optional(),
    /** The file that is not valid, and the first field that is wrong in it. */
    file: z.string().max(256).optional(),
    field: z.string().max(64).optional(),
    reason: Code.optional(),
  }),
} as const satisfies Record<ErrorCode, z.ZodType>;

export type ErrorDetailsSchemas = typeof ERROR_DETAILS;
/** What a service may put in `details` for an error of this code. */
export type ErrorDetailsOf<C extends ErrorCode> = z.input<ErrorDetailsSchemas[C]>;

/** Whether `details` (absent, or an object) is what `code` declares. */
export function detailsFit(code: ErrorCode, details: unknown): boolean {
  return details === undefined || ERROR_DETAILS[code].safeParse(details).success;
}

/**
 * The details of `error` when it has this code and they match its schema; null otherwise (another code, no
 * details, or details that do not fit — which a screen treats as "nothing to act on").
 */
export function detailsOf<C extends ErrorCode>(code: C, error: { readonly code: ErrorCode; readonly details?: unknown } | null | undefined): z.output<ErrorDetailsSchemas[C]> | null {
  if (!error || error.code !== code || error.details === undefined) return null;
  const parsed = ERROR_DETAILS[code].safeParse(error.details);
  return parsed.success ? (parsed.data as z.output<ErrorDetailsSchemas[C]>) : null;
}
