// ARM's failures as Airlock's typed errors, in plain words. ARM's own error code is kept when it is shaped
// like a code; its message, and any HTML a proxy or a failing front end put in the body, never is.
import { AirlockError } from '../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../shared/errors/details';

/** What a failed ARM answer carries that the mapping reads (status, body text, Retry-After). */
export interface ArmFailureAnswer {
  readonly status: number;
  readonly text: string;
  readonly retryAfter?: string | undefined;
}

export function armError({ status, text, retryAfter }: ArmFailureAnswer): AirlockError {
  let code: string | undefined;
  try {
    // ARM's own code only when it is shaped like one (never its message, words or anything token-like).
    code = codeDetail((JSON.parse(text) as { error?: { code?: unknown } } | null)?.error?.code);
  } catch {
    // no ARM error body (an HTML page, say): nothing of it is kept
  }
  const details = { status, ...withDetail('armCode', code) };
  if (status === 401) return new AirlockError('E_AUTH_REQUIRED', { message: 'Azure Resource Manager did not accept your sign-in.', hint: 'Sign in again.', details });
  // Azure's role check (RBAC), not Airlock's admin policy: its own code and words (see E_AZURE_FORBIDDEN).
  if (status === 403) return new AirlockError('E_AZURE_FORBIDDEN', { details });
  if (status === 404) return new AirlockError('E_NOT_FOUND', { details });
  if (status === 429) {
    const seconds = Number(retryAfter);
    return new AirlockError('E_RATE_LIMITED', { details: { ...details, ...(retryAfter !== undefined && Number.isFinite(seconds) && seconds >= 0 ? { retryAfterSeconds: seconds } : {}) } });
  }
  return new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager did not answer as expected.', details });
}

/** A transport failure (TLS, refused, reset, too large) in words; the thrown text itself is never kept. */
export function transportError(thrown: unknown): AirlockError {
  const code = codeDetail((thrown as { code?: unknown } | null)?.code);
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new AirlockError('E_TLS', { message: "Azure Resource Manager's certificate could not be verified, so Airlock did not send your sign-in.", details: { reason: code } });
  }
  // Node's transport says so in its message, Electron's with a code: either way, a size refusal.
  if (code === 'ERR_RESPONSE_TOO_LARGE' || (thrown instanceof Error && thrown.message === 'response too large')) return tooLarge();
  if (code === 'ETIMEDOUT' || (thrown instanceof Error && thrown.message === 'request timed out')) return timedOut();
  return new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager could not be reached.', details: withDetail('reason', code) });
}

export function tooLarge(): AirlockError {
  return new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager sent an answer too large to read, so Airlock stopped.', details: { reason: 'response-too-large' } });
}

/**
 * E_UNAVAILABLE with reason `timeout`, not E_TIMEOUT: the browse channels declare ARM's lookup errors only, and
 * an undeclared code would reach the user as E_INTERNAL.
 */
export function timedOut(): AirlockError {
  return new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager took too long to answer, so Airlock stopped waiting.', details: { reason: 'timeout' } });
}

export function offHost(host: string): AirlockError {
  return new AirlockError('E_UNAVAILABLE', {
    message: 'Azure Resource Manager sent a link to another address, so Airlock stopped without sending your sign-in.',
    details: withDetail('host', hostDetail(host)),
  });
}

export function unreadable(): AirlockError {
  return new AirlockError('E_UNAVAILABLE', { message: 'Azure Resource Manager sent an answer Airlock could not read.' });
}

/** `{ [key]: value }`, or nothing when the value was filtered out. */
export function withDetail<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
