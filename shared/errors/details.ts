// What each error code may carry in `details`: one strict zod schema per code. Main is held to it when an
// error is made (AirlockError's constructor is typed by it) and again when the error leaves the gateway;
// the renderer parses with the same schema instead of reading loose keys. A key not declared here never
// crosses a boundary, so a token cannot ride along under a new name.
// Detail values are display-safe facts (ids, codes, counts); never tokens, keys, claims or raw exception text.
import { z } from 'zod';
import type { ErrorCode } from './codes';
import { STEP_UP_REASONS, STEP_UP_RESOURCE_NAMES } from './step-up-words';

/**
 * A code from outside (MSAL, Entra, ARM, Node): letters, digits, `_`, `.`, `-`, at most 64 — never words, a
 * path or a token (a JWT's base64 header `eyJ` is refused, though its alphabet fits). Producers filter with
 * codeDetail() and leave the detail out when it does not fit; anything else that gets here is E_INTERNAL.
 */
const CODE_SHAPE = /^(?!eyJ)[A-Za-z0-9_.-]{1,64}$/;
const Code = z.string().regex(CODE_SHAPE);
/** A host name (or IP literal) with an optional port, as URL.host gives it; never a path, query or words. */
const HOST_SHAPE = /^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;
const Host = z.string().max(128).regex(HOST_SHAPE);
const HttpStatus = z.number().int().min(100).max(599);
const None = z.strictObject({});
/** A private route's kind, as users and the CLI name it (`--via`). */
const RouteVia = z.enum(['vpn', 'jump', 'bastion']);
/** An OpenSSH-style host key fingerprint: `SHA256:` and unpadded base64 of the key's SHA-256. */
const Fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/);
/** An IPv4 or IPv6 address as a resolver answered it (data only: Airlock never connects to it to check). */
const Address = z.string().max(45).regex(/^[0-9A-Fa-f:.]{2,45}$/);

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
  E_BAD_REQUEST: z.strictObject({ expectedHost: Host.optional() }),
  E_UNKNOWN_CHANNEL: None,
  E_FORBIDDEN_SENDER: None,
  E_INTERNAL: None,
  E_UNAVAILABLE: z.strictObject({ ...ArmFailure, host: Host.optional(), reason: Code.optional() }),
  E_NOT_FOUND: z.strictObject({ ...ArmFailure, environmentId: z.string().max(64).optional() }),
  E_AUTH_REQUIRED: z.strictObject({
    ...ArmFailure,
    /** Entra's AADSTS number, MSAL's error code, or why ARM refused the token (expired, not-yet-valid). */
    reason: Code.optional(),
    /** Set when the idle lock is why: the Session panel offers Unlock. */
    vault: z.literal('locked').optional(),
  }),
  E_STEP_UP_REQUIRED: StepUpDetails,
  E_POLICY_DENIED: z.strictObject({
    /** The admin rule that decided (absent: nothing allows it, deny by default), and its reason in plain words. */
    rule: z.string().max(128).optional(),
    reason: z.string().max(256),
    /** Airlock's admin policy, as opposed to Azure's role check (E_AZURE_FORBIDDEN). */
    source: z.literal('policy'),
  }),
  E_AZURE_FORBIDDEN: z.strictObject(ArmFailure),
  E_NOT_PRIVATE: z.strictObject({
    host: Host.optional(),
    /** The answer that is not inside the environment's private ranges, and the CNAME chain that led to it. */
    address: Address.optional(),
    /** Names joined by ' → ' (details stay flat): `a.inference.ml.azure.com → a.<ws>.privatelink.api.azureml.ms`. */
    chain: z.string().max(700).regex(/^[A-Za-z0-9.-]{1,253}(?: → [A-Za-z0-9.-]{1,253}){0,9}$/).optional(),
    /** nxdomain, timeout, public-answer, no-privatelink ... */
    reason: Code.optional(),
  }),
  E_HOST_KEY_CHANGED: z.strictObject({ host: Host.optional(), expected: Fingerprint.optional(), presented: Fingerprint.optional() }),
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
  E_ROUTE_DOWN: z.strictObject({ via: RouteVia.optional(), host: Host.optional() }),
  E_ROUTE_DROPPED: z.strictObject({ via: RouteVia.optional() }),
  E_UNREACHABLE: z.strictObject({ via: RouteVia.optional(), host: Host.optional(), reason: Code.optional() }),
  E_HOST_KEY_UNKNOWN: z.strictObject({
    host: Host.optional(),
    presented: Fingerprint.optional(),
    /** 'forbidden': policy allows only pinned keys, so no UI may offer to trust this one (main would refuse it). */
    firstUse: z.literal('forbidden').optional(),
  }),
  E_SSH_AUTH: z.strictObject({ host: Host.optional(), reason: Code.optional() }),
  E_BASTION_REFUSED: z.strictObject({ status: HttpStatus.optional(), host: Host.optional(), reason: Code.optional() }),
  E_PORT_IN_USE: z.strictObject({ port: z.number().int().min(1).max(65535) }),
  E_PAYLOAD_INVALID: z.strictObject({
    /** The first place the body goes wrong: a JSON pointer into it and the schema rule it breaks (ajv's keyword), never a value. */
    pointer: z.string().max(256).optional(),
    keyword: Code.optional(),
    /** How many places break the schema in all (the editor marks each). */
    problems: z.number().int().nonnegative().optional(),
    /** not-json, schema ... */
    reason: Code.optional(),
  }),
  E_PAYLOAD_TOO_LARGE: z.strictObject({ bytes: z.number().int().nonnegative(), limitBytes: z.number().int().positive() }),
} as const satisfies Record<ErrorCode, z.ZodType>;

export type ErrorDetailsSchemas = typeof ERROR_DETAILS;
/** What a service may put in `details` for an error of this code. */
export type ErrorDetailsOf<C extends ErrorCode> = z.input<ErrorDetailsSchemas[C]>;

/** `value` as a code detail when it has a code's shape (see Code); undefined otherwise, to be left out. */
export function codeDetail(value: unknown): string | undefined {
  return typeof value === 'string' && CODE_SHAPE.test(value) ? value : undefined;
}

/** `value` as a host detail when it is one (see Host); undefined otherwise, to be left out. */
export function hostDetail(value: string): string | undefined {
  return value.length <= 128 && HOST_SHAPE.test(value) ? value : undefined;
}

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
