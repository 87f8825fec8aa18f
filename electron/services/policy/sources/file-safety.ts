// Whether a machine policy file (or its folder) is read-only to ordinary users: owned by a trusted owner
// (root) and not group- or world-writable. A policy others can change is no policy, so such a file is
// refused in plain words that say what to run — never read anyway.
import type { Stats } from 'node:fs';

export function ownerWords(trusted: readonly number[]): string {
  return trusted.includes(0) ? 'root' : `user ${trusted.join(' or ')}`;
}

/** Why `stats` is not safe for a machine policy, or null when it is. */
export function unsafeBecause(stats: Stats, what: 'file' | 'folder', trusted: readonly number[]): string | null {
  if (!trusted.includes(stats.uid)) {
    return `the policy ${what} is owned by user ${stats.uid}, not ${ownerWords(trusted)}, so someone other than an administrator could change it; run: chown root: <${what}>`;
  }
  if ((stats.mode & 0o022) !== 0) {
    const mode = (stats.mode & 0o777).toString(8);
    return `other users can change it (group- or world-writable, mode ${mode}), so it is not only an administrator's policy ${what}; run: chmod go-w <${what}>`;
  }
  return null;
}
