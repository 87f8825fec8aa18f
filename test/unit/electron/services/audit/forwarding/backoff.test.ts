// The forwarder's reconnect wait: doubling from the first delay up to the ceiling, each wait drawn between
// half and all of it (so machines that lost the same collector do not all return in the same second).
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../../../electron/services/audit/forwarding/backoff';

const POLICY = { firstMs: 1_000, maxMs: 300_000 };

describe('forwarding backoff', () => {
  it('doubles from the first delay up to the ceiling, between half and all of it', () => {
    const low = (attempt: number) => backoffDelay(attempt, POLICY, () => 0);
    const high = (attempt: number) => backoffDelay(attempt, POLICY, () => 0.999_999);
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map(high)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(low(20)).toBe(150_000);
    expect(high(20)).toBe(300_000);
  });

  it('never overflows or goes below half the first delay, whatever the attempt', () => {
    for (const attempt of [0, -3, 1_000, Number.MAX_SAFE_INTEGER]) {
      const wait = backoffDelay(attempt, POLICY, () => 0.5);
      expect(wait).toBeGreaterThanOrEqual(POLICY.firstMs / 2);
      expect(wait).toBeLessThanOrEqual(POLICY.maxMs);
    }
  });
});
