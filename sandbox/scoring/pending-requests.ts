// Counts requests pending on each deployment, for Azure's 429 rule: more than
// 2 * max_concurrent_requests_per_instance * instance_count pending requests → 429. Counted per deployment
// (the formula's inputs are deployment settings). A slot must always be released exactly once.

export interface PendingRequests {
  /** A release function, or null when the deployment already has `limit` requests pending. */
  tryAcquire(key: string, limit: number): (() => void) | null;
  count(key: string): number;
}

export function createPendingRequests(): PendingRequests {
  const counts = new Map<string, number>();
  return {
    tryAcquire(key, limit) {
      const n = counts.get(key) ?? 0;
      if (n >= limit) return null;
      counts.set(key, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left <= 0) counts.delete(key);
        else counts.set(key, left);
      };
    },
    count: (key) => counts.get(key) ?? 0,
  };
}
