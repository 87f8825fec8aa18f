// The history's rules: retention from the policy (a fake clock and scheduler: pruned on write, on read and on
// the schedule; 0 days keeps nothing), fail closed without a keychain (nothing kept, scoring's record is a
// null id, the list says why in words), and scoping (an entry belongs to the account and environment that
// made it: nobody else lists, reads or deletes it).
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryService } from '../../../../../electron/services/history';
import { createMemoryKeychain } from '../../../../../electron/services/vault';
import { ALICE, BOB, BOB_ELSEWHERE, historyRig, request, resultView } from './history-fixture';

const DAY = 86_400_000;
let open: HistoryService[] = [];
const rig = (options: Parameters<typeof historyRig>[0] = {}) => {
  const r = historyRig(options);
  open.push(r.history);
  return r;
};
afterEach(() => {
  for (const h of open) h.dispose();
  open = [];
});

describe('history retention (policy historyRetentionDays)', () => {
  it('entries older than the policy days go on the schedule, on the next write and on reads; younger ones stay', async () => {
    const { history, clock, scheduler } = rig({ days: 7 });
    const old = (await history.record(BOB, request('{"day":0}'), resultView()))!;
    clock.advance(3 * DAY);
    const younger = (await history.record(BOB, request('{"day":3}'), resultView()))!;
    clock.advance(4 * DAY + 1); // old is now 7 days and 1 ms old
    expect(scheduler.due()).toBe(1);
    scheduler.runAll();
    await new Promise((r) => setTimeout(r, 0));
    expect((await history.list(BOB, { limit: 10 })).entries.map((e) => e.id)).toEqual([younger]);
    await expect(history.get(BOB, old)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(scheduler.due()).toBe(1); // armed again

    clock.advance(4 * DAY);
    // No scheduled run this time: reading applies the policy too.
    await expect(history.get(BOB, younger)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('a policy that lowers the days prunes at once on the next write; 0 days keeps none and says so', async () => {
    const { history, clock, setDays } = rig({ days: 30 });
    await history.record(BOB, request('{"a":1}'), resultView());
    clock.advance(2 * DAY);
    setDays(1);
    const kept = (await history.record(BOB, request('{"b":2}'), resultView()))!;
    expect((await history.list(BOB, { limit: 10 })).entries.map((e) => e.id)).toEqual([kept]);

    setDays(0);
    expect(await history.record(BOB, request('{"c":3}'), resultView())).toBeNull();
    const list = await history.list(BOB, { limit: 10 });
    expect(list).toMatchObject({ entries: [], keeping: false, retentionDays: 0 });
    expect(list.notKeptReason).toMatch(/policy keeps no history/);
  });

  it('dispose cancels the schedule', () => {
    const { history, scheduler } = rig();
    expect(scheduler.due()).toBe(1);
    history.dispose();
    expect(scheduler.due()).toBe(0);
  });
});

describe('history without a keychain (fail closed)', () => {
  for (const [name, keychain] of [
    ['no keychain at all', null],
    ['a keychain service that is not running', (() => {
      const k = createMemoryKeychain();
      k.simulate('no-service');
      return k;
    })()],
    ['a locked keychain (writes fail, reads answer nothing)', (() => {
      const k = createMemoryKeychain();
      k.simulate('locked');
      return k;
    })()],
  ] as const) {
    it(`${name}: nothing is kept, record answers null, the list says why in words`, async () => {
      const { history, dbFile } = rig({ keychain });
      expect(await history.record(BOB, request('{"PLANTEDNOKEYCHAIN":1}'), resultView())).toBeNull();
      const list = await history.list(BOB, { limit: 10 });
      expect(list).toMatchObject({ entries: [], keeping: false, retentionDays: 30 });
      expect(list.notKeptReason).toMatch(/keeps no history of test requests/);
      expect(list.notKeptReason).not.toMatch(/Error|at \w+ \(/); // words, not an exception
      const { readFileSync, existsSync } = await import('node:fs');
      if (existsSync(dbFile)) expect(readFileSync(dbFile).toString('latin1')).not.toContain('PLANTEDNOKEYCHAIN');
    });
  }

  it('a keychain that comes back: history is kept from then on', async () => {
    const keychain = createMemoryKeychain();
    keychain.simulate('no-service');
    const { history } = rig({ keychain });
    expect(await history.record(BOB, request('{}'), resultView())).toBeNull();
    keychain.simulate(null);
    expect(await history.record(BOB, request('{}'), resultView())).toMatch(/^h[A-Za-z0-9_-]{22}$/);
    expect((await history.list(BOB, { limit: 10 })).keeping).toBe(true);
  });

  it('get of a kept entry while the keychain is down: E_KEYCHAIN_UNAVAILABLE (after a restart, nothing cached)', async () => {
    const first = rig();
    const id = (await first.history.record(BOB, request('{}'), resultView()))!;
    first.history.dispose();
    const keychain = first.keychain!;
    keychain.simulate('no-service');
    const again = rig({ userDataDir: first.userDataDir, keychain });
    await expect(again.history.get(BOB, id)).rejects.toMatchObject({ code: 'E_KEYCHAIN_UNAVAILABLE' });
    keychain.simulate(null);
    expect((await again.history.get(BOB, id)).payload).toBe('{}');
  });
});

describe('history scoping (account + environment)', () => {
  it("an entry is its maker's: another account, or the same account in another environment, cannot list, read or delete it", async () => {
    const { history } = rig();
    const bobs = (await history.record(BOB, request('{"bob":1}'), resultView()))!;
    const alices = (await history.record(ALICE, request('{"alice":1}'), resultView()))!;
    expect((await history.list(BOB, { limit: 10 })).entries.map((e) => e.id)).toEqual([bobs]);
    expect((await history.list(ALICE, { limit: 10 })).entries.map((e) => e.id)).toEqual([alices]);
    expect((await history.list(BOB_ELSEWHERE, { limit: 10 })).entries).toEqual([]);
    for (const other of [ALICE, BOB_ELSEWHERE]) {
      await expect(history.get(other, bobs)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
      await expect(history.remove(other, { id: bobs })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    }
    expect(await history.remove(ALICE, { all: true })).toEqual({ deleted: 1 });
    expect((await history.get(BOB, bobs)).payload).toBe('{"bob":1}');
    // Another owner's id as a page cursor finds nothing (it is not a way to learn of their rows).
    expect((await history.list(BOB_ELSEWHERE, { limit: 10, before: bobs })).entries).toEqual([]);
  });

  it('nobody signed in (no owner): an empty list, E_NOT_FOUND for an id, nothing deleted', async () => {
    const { history } = rig();
    const id = (await history.record(BOB, request('{}'), resultView()))!;
    expect(await history.list(null, { limit: 10 })).toMatchObject({ entries: [], keeping: true });
    await expect(history.get(null, id)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await history.remove(null, { all: true })).toEqual({ deleted: 0 });
    expect((await history.get(BOB, id)).payload).toBe('{}');
  });
});
