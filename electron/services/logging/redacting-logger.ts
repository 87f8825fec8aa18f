// Structured log fields through the redactor: a field named like a secret loses its value whatever it looks
// like (a short opaque token has no shape to recognise), every other string field is scrubbed as text. The
// composition root wraps whatever logger a host gives it, so every service's lines pass through here.
// Never logs by itself, never throws on odd input.
import type { LogFields, Logger } from '../ports';
import { redactSecrets } from './redact';
import { isSecretValue, REDACTED } from './secret-names';

export function redactLogFields(fields: LogFields): LogFields {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value !== 'string') out[name] = isSecretValue(name, String(value)) && value !== null ? REDACTED : value;
    else out[name] = isSecretValue(name, value) ? REDACTED : redactSecrets(value);
  }
  return out;
}

/** A logger that hands `inner` only redacted event names and fields. */
export function redactingLogger(inner: Logger): Logger {
  return {
    log(level, event, fields) {
      inner.log(level, redactSecrets(event), fields === undefined ? undefined : redactLogFields(fields));
    },
  };
}
