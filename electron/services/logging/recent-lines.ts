// The last few hundred log lines, kept in memory for Settings → Export diagnostics. The composition root tees
// the logger into it, so it sees what every service logs, whatever level the host prints. Every string is
// passed through the redactor as it is recorded (and the export redacts again), values are cut short, and
// nothing is written anywhere from here: this must never become a second, unredacted log.
import type { Clock, LogFields, Logger, LogLevel } from '../ports';
import { redactSecrets } from './redact';
import { redactLogFields } from './redacting-logger';

export interface RecentLine {
  readonly t: string;
  readonly level: LogLevel;
  readonly event: string;
  readonly fields: LogFields;
}

export interface RecentLines {
  record(level: LogLevel, event: string, fields?: LogFields): void;
  /** Oldest first. */
  lines(): RecentLine[];
}

const MAX_VALUE = 512;
const MAX_EVENT = 128;

function scrub(text: string, max: number): string {
  return redactSecrets(text).slice(0, max);
}

export function createRecentLines(options: { capacity?: number; clock: Clock }): RecentLines {
  const capacity = Math.max(1, options.capacity ?? 300);
  const ring: RecentLine[] = [];
  return {
    record(level, event, fields = {}) {
      // By name (a secret-named field loses its value, however short) and by shape, then cut short.
      const kept: Record<string, string | number | boolean | null> = {};
      for (const [key, value] of Object.entries(redactLogFields(fields))) kept[scrub(key, 64)] = typeof value === 'string' ? value.slice(0, MAX_VALUE) : value;
      ring.push({ t: options.clock.now().toISOString(), level, event: scrub(event, MAX_EVENT), fields: kept });
      if (ring.length > capacity) ring.splice(0, ring.length - capacity);
    },
    lines: () => [...ring],
  };
}

/** A logger that writes to `inner` and keeps a copy in `recent`; a failing copy never stops the real line. */
export function teeLogger(inner: Logger, recent: RecentLines): Logger {
  return {
    log(level, event, fields) {
      inner.log(level, event, fields);
      try {
        recent.record(level, event, fields);
      } catch {
        // the copy is a convenience for support; losing one line must not break the caller
      }
    },
  };
}
