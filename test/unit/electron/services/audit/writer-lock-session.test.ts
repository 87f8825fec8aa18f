// The writer lock's session: a burst of writes takes the lock once and keeps it; it is given up after the
// burst is idle (everything queued committed first); a busy holder gives it up only when another process says
// it waits; a process that cannot get it in time is refused in words (E_AUDIT_UNAVAILABLE, busy). A fake lock
// stands for the lock file two processes share.
import { describe, expect, it } from 'vitest';
import type { WriterLock } from '../../../../../electron/services/audit/audit-store';
import { createLockSession, type LockTiming } from '../../../../../electron/services/audit/writer-lock-session';

function sharedLock() {
  let holder: string | null = null;
  let waitingAt = -Infinity;
  return {
    holder: () => holder,
    as(name: string): WriterLock & { acquisitions: number } {
      const lock = {
        acquisitions: 0,
        tryAcquire() {
          if (holder !== null && holder !== name) return false;
          if (holder === null) lock.acquisitions++;
          holder = name;
          return true;
        },
        release() {
          if (holder === name) holder = null;
        },
        markWaiting() {
          waitingAt = performance.now();
        },
        othersWaiting: () => performance.now() - waitingAt < 1_000,
        close() {},
      };
      return lock;
    },
  };
}

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((r) => setTimeout(r, 2));
};

const fast: LockTiming = { waitMs: 2_000, idleMs: 20, maxHoldMs: 60, yieldMs: 10 };

describe('writer lock session', () => {
  it('takes the lock once for a burst, catches up once, and gives it up when idle, after draining', async () => {
    const shared = sharedLock();
    const lock = shared.as('a');
    const events: string[] = [];
    const session = createLockSession(lock, { onAcquired: async () => void events.push('caught-up'), drained: async () => void events.push('drained') }, fast);
    for (let i = 0; i < 10; i++) await session.enter();
    expect(lock.acquisitions).toBe(1);
    expect(events).toEqual(['caught-up']);
    await until(() => shared.holder() === null);
    expect(events).toEqual(['caught-up', 'drained']);
    await session.enter();
    expect(lock.acquisitions).toBe(2);
    await session.close();
    expect(shared.holder()).toBe(null);
  });

  it('a busy holder keeps the lock while nobody waits, and takes turns with a process that does', async () => {
    const shared = sharedLock();
    const a = shared.as('a');
    const b = shared.as('b');
    const hooks = { onAcquired: async () => undefined, drained: async () => undefined };
    // A long idle time: only the hand-over rule, never a pause in a's writing, may let go of the lock here.
    const patient = { ...fast, idleMs: 1_000, waitMs: 5_000 };
    const sessionA = createLockSession(a, hooks, patient);
    const sessionB = createLockSession(b, hooks, patient);
    const started = performance.now();
    // a writes without pause for longer than maxHold: nobody waits, so it never lets go.
    while (performance.now() - started < 150) {
      await sessionA.enter();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(a.acquisitions).toBe(1);
    // Now b wants to write while a keeps writing: b gets its turn within a hold or so.
    let bIn = false;
    const bEnter = sessionB.enter().then(() => (bIn = true));
    while (!bIn) {
      await sessionA.enter().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 1));
    }
    await bEnter;
    // a waited for b's turn and wrote again after it.
    await sessionA.enter();
    expect(a.acquisitions).toBeGreaterThanOrEqual(2);
    expect(b.acquisitions).toBe(1);
    await sessionB.close();
    await sessionA.close();
  });

  it('refuses in words when another process keeps the lock past the wait', async () => {
    const shared = sharedLock();
    const other = shared.as('other');
    other.tryAcquire();
    const session = createLockSession(shared.as('me'), { onAcquired: async () => undefined, drained: async () => undefined }, { ...fast, waitMs: 50 });
    const refused = (await session.enter().catch((e: unknown) => e)) as { code?: string; message?: string };
    expect(refused.code).toBe('E_AUDIT_UNAVAILABLE');
    expect(refused.message).toContain('kept the audit database busy');
    other.release();
    await session.enter();
    expect(shared.holder()).toBe('me');
    await session.close();
  });

  it('lets go of the lock when catching up fails, so the next write tries afresh', async () => {
    const shared = sharedLock();
    let fail = true;
    const session = createLockSession(shared.as('a'), { onAcquired: async () => { if (fail) throw new Error('keychain refused'); }, drained: async () => undefined }, fast);
    await expect(session.enter()).rejects.toThrow('keychain refused');
    expect(shared.holder()).toBe(null);
    fail = false;
    await session.enter();
    expect(shared.holder()).toBe('a');
    await session.close();
  });
});
