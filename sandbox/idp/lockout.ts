// Counts consecutive failed sign-in steps (wrong password, wrong one-time code) per user and locks the user
// for `lockoutSeconds` after `maxFailedAttempts`, measured on the sandbox clock. In memory: a restart of the
// IdP clears lockouts. Must never record what was typed, only that a step failed.

export interface LockoutPolicy {
  readonly maxFailedAttempts: number;
  readonly lockoutSeconds: number;
}

export interface Lockout {
  /** The time the lock ends, or null when the user may try. */
  lockedUntil(username: string): Date | null;
  /** Records a failure; returns the time the lock ends if this failure locked the user. */
  recordFailure(username: string, kind?: 'password' | 'code'): Date | null;
  /**
   * A completed sign-in clears the password count; only a sign-in that passed the one-time code clears the
   * code count, so code guesses cannot be reset by password-only sign-ins in between.
   */
  recordSuccess(username: string, options?: { mfa: boolean }): void;
}

interface Entry {
  failures: number;
  codeFailures: number;
  lockedUntilMs: number;
}

export function createLockout(policy: LockoutPolicy, now: () => Date): Lockout {
  const entries = new Map<string, Entry>();
  const key = (username: string) => username.toLowerCase();
  const current = (username: string): Entry => {
    let entry = entries.get(key(username));
    if (!entry) {
      entry = { failures: 0, codeFailures: 0, lockedUntilMs: 0 };
      entries.set(key(username), entry);
    }
    // A lock that has run out starts a fresh count.
    if (entry.lockedUntilMs !== 0 && entry.lockedUntilMs <= now().getTime()) {
      entry.failures = 0;
      entry.codeFailures = 0;
      entry.lockedUntilMs = 0;
    }
    return entry;
  };
  return {
    lockedUntil(username) {
      const entry = current(username);
      return entry.lockedUntilMs > now().getTime() ? new Date(entry.lockedUntilMs) : null;
    },
    recordFailure(username, kind = 'password') {
      const entry = current(username);
      if (kind === 'code') entry.codeFailures += 1;
      else entry.failures += 1;
      if (entry.failures + entry.codeFailures >= policy.maxFailedAttempts) {
        entry.lockedUntilMs = now().getTime() + policy.lockoutSeconds * 1000;
        return new Date(entry.lockedUntilMs);
      }
      return null;
    },
    recordSuccess(username, options = { mfa: false }) {
      const entry = current(username);
      entry.failures = 0;
      if (options.mfa) entry.codeFailures = 0;
      if (entry.failures === 0 && entry.codeFailures === 0 && entry.lockedUntilMs === 0) entries.delete(key(username));
    },
  };
}
