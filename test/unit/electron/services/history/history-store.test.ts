// The history store: entries kept with their bodies sealed under a keychain key (the database file never holds
// a payload or a response in the clear), an edited ciphertext or summary reported unreadable (never garbage),
// paging newest first, and remove. Real SQLite (better-sqlite3) in a temporary folder; the memory keychain.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { HistoryEntrySummary, HistoryList } from '../../../../../shared/contract/schemas/history';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { openHistoryDb, type HistoryDb, type HistoryService } from '../../../../../electron/services/history';
import { BOB, historyRig, request, resultView, WS } from './history-fixture';

const PLANTED_PAYLOAD = 'PLANTEDHISTORYPAYLOAD7731';
const PLANTED_RESPONSE = 'PLANTEDHISTORYRESPONSE4410';
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

function raw(file: string): string {
  return ['', '-wal', '-shm'].map((suffix) => (existsSync(file + suffix) ? readFileSync(file + suffix).toString('latin1') : '')).join('\n');
}

describe('history store', () => {
  it('keeps an invocation: the list shows its summary (hashes and sizes, no body); get gives payload and result back', async () => {
    const { history } = rig();
    const payload = JSON.stringify({ input_data: [[1, 2, 3]] });
    const id = await history.record(BOB, { ...request(payload), deploymentName: 'blue' }, resultView());
    expect(id).toMatch(/^h[A-Za-z0-9_-]{22}$/);

    const list = HistoryList.parse(await history.list(BOB, { limit: 100 }));
    expect(list).toMatchObject({ keeping: true, retentionDays: 30, notKeptReason: null, nextBefore: null });
    expect(list.entries).toEqual([
      HistoryEntrySummary.parse({
        id,
        at: '2026-12-01T08:00:00.000Z',
        environmentId: 'Sandbox',
        workspaceId: WS,
        endpointName: 'credit-ep',
        deploymentName: 'blue',
        answeredBy: 'blue',
        status: 200,
        ok: true,
        failureTitle: null,
        totalMs: 15,
        requestBytes: Buffer.byteLength(payload),
        responseBytes: 22,
        requestSha256: createHash('sha256').update(payload).digest('hex'),
        authMode: 'AMLToken',
        via: 'vpn',
      }),
    ]);
    const entry = await history.get(BOB, id!);
    expect(entry.payload).toBe(payload);
    expect(entry.result).toEqual(resultView({ historyId: id }));
    expect(entry.summary.id).toBe(id);
  });

  it('the database file (and its WAL) never holds a payload or response in the clear; folder 0700, file 0600', async () => {
    const { history, dbFile } = rig();
    const id = await history.record(BOB, request(JSON.stringify({ note: PLANTED_PAYLOAD })), resultView({ body: JSON.stringify({ echo: PLANTED_RESPONSE }) }));
    expect(await history.get(BOB, id!)).toMatchObject({ payload: expect.stringContaining(PLANTED_PAYLOAD) as unknown, result: { body: expect.stringContaining(PLANTED_RESPONSE) as unknown } });
    const bytes = raw(dbFile);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes).not.toContain(PLANTED_PAYLOAD);
    expect(bytes).not.toContain(PLANTED_RESPONSE);
    expect(bytes).not.toContain(Buffer.from(PLANTED_PAYLOAD).toString('base64').slice(0, 16));
    expect(statSync(dbFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(dbFile)).mode & 0o777).toBe(0o700);
  });

  it('an edited ciphertext, or an edited summary, is reported unreadable (E_UNAVAILABLE), never shown as something else', async () => {
    const { history, dbFile } = rig();
    const a = (await history.record(BOB, request('{"a":1}'), resultView()))!;
    const b = (await history.record(BOB, request('{"b":2}'), resultView()))!;
    const c = (await history.record(BOB, request('{"c":3}'), resultView()))!;
    await history.written(); // record writes just after it answers
    const db = new BetterSqlite3(dbFile);
    const sealed = (db.prepare('SELECT sealed FROM entries WHERE id = ?').get(a) as { sealed: Buffer }).sealed;
    sealed[20] = sealed[20]! ^ 0x01; // one bit of the ciphertext
    db.prepare('UPDATE entries SET sealed = ? WHERE id = ?').run(sealed, a);
    db.prepare("UPDATE entries SET summary = replace(summary, '\"status\":200', '\"status\":201') WHERE id = ?").run(b);
    db.close();

    for (const id of [a, b]) {
      const error = await history.get(BOB, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AirlockError);
      expect((error as AirlockError).code).toBe('E_UNAVAILABLE');
      expect((error as AirlockError).message).toMatch(/cannot be read/);
    }
    expect((await history.get(BOB, c)).payload).toBe('{"c":3}'); // the others are fine
    expect(await history.remove(BOB, { id: a })).toEqual({ deleted: 1 });
  });

  it('a ciphertext moved onto another row does not open there', async () => {
    const { history, dbFile } = rig();
    const a = (await history.record(BOB, request('{"secret":"A"}'), resultView()))!;
    const b = (await history.record(BOB, request('{"other":"B"}'), resultView()))!;
    await history.written();
    const db = new BetterSqlite3(dbFile);
    db.prepare('UPDATE entries SET sealed = (SELECT sealed FROM entries WHERE id = ?) WHERE id = ?').run(a, b);
    db.close();
    await expect(history.get(BOB, b)).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });

  it('pages newest first with nextBefore; filters by workspace and endpoint; remove one or all', async () => {
    const { history, clock } = rig();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock.advance(1000);
      ids.push((await history.record(BOB, request(`{"i":${i}}`, i % 2 === 0 ? 'credit-ep' : 'sentiment-ep'), resultView()))!);
    }
    const first = await history.list(BOB, { limit: 2 });
    expect(first.entries.map((e) => e.id)).toEqual([ids[4], ids[3]]);
    const second = await history.list(BOB, { limit: 2, before: first.nextBefore! });
    expect(second.entries.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    const last = await history.list(BOB, { limit: 2, before: second.nextBefore! });
    expect(last).toMatchObject({ entries: [{ id: ids[0] }], nextBefore: null });
    expect((await history.list(BOB, { limit: 100, workspaceId: WS, endpointName: 'sentiment-ep' })).entries.map((e) => e.id)).toEqual([ids[3], ids[1]]);
    expect((await history.list(BOB, { limit: 100, workspaceId: `${WS}x` })).entries).toEqual([]);

    expect(await history.remove(BOB, { id: ids[0]! })).toEqual({ deleted: 1 });
    await expect(history.remove(BOB, { id: ids[0]! })).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(history.get(BOB, ids[0]!)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await history.remove(BOB, { all: true })).toEqual({ deleted: 4 });
    expect((await history.list(BOB, { limit: 100 })).entries).toEqual([]);
  });

  it('entries survive a restart (same folder, same keychain): the key is read back from the keychain', async () => {
    const first = rig();
    const id = (await first.history.record(BOB, request('{"kept":true}'), resultView()))!;
    first.history.dispose();
    const again = rig({ userDataDir: first.userDataDir, keychain: first.keychain });
    expect((await again.history.get(BOB, id)).payload).toBe('{"kept":true}');
    expect([...first.keychain!.entries.keys()]).toEqual([expect.stringMatching(/^history-key\/[0-9a-f]{16}$/)]);
  });

  it('a key gone from the keychain: the rows sealed under it are dropped (they could never be read again), new ones are kept', async () => {
    const first = rig();
    const old = (await first.history.record(BOB, request('{"old":1}'), resultView()))!;
    first.history.dispose();
    first.keychain!.entries.clear();
    const again = rig({ userDataDir: first.userDataDir, keychain: first.keychain });
    const fresh = (await again.history.record(BOB, request('{"new":1}'), resultView()))!;
    expect((await again.history.list(BOB, { limit: 10 })).entries.map((e) => e.id)).toEqual([fresh]);
    await expect(again.history.get(BOB, old)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    expect(again.logger.entries.map((e) => e.event)).toContain('history.key_lost');
  });

  it('forget this device: every entry of every account, and the key in the keychain, are gone', async () => {
    const { history, keychain, dbFile } = rig();
    await history.record(BOB, request(JSON.stringify({ note: PLANTED_PAYLOAD })), resultView());
    await history.record({ accountId: 'alice', environmentId: 'Sandbox' }, request('{}'), resultView());
    await history.forgetDevice();
    expect(keychain!.entries.size).toBe(0);
    expect((await history.list(BOB, { limit: 10 })).entries).toEqual([]);
    expect((await history.list({ accountId: 'alice', environmentId: 'Sandbox' }, { limit: 10 })).entries).toEqual([]);
    expect(raw(dbFile)).not.toContain(PLANTED_PAYLOAD);
  });

  it('a database that cannot open: nothing kept (record null), the list says so, get is E_UNAVAILABLE in words', async () => {
    const { history } = rig({ deps: { openDb: () => Promise.reject(Object.assign(new Error('SQLITE_CANTOPEN: /secret/path'), { code: 'SQLITE_CANTOPEN' })) } });
    expect(await history.record(BOB, request('{}'), resultView())).toBeNull();
    expect(await history.list(BOB, { limit: 10 })).toMatchObject({ entries: [], keeping: false, notKeptReason: expect.stringMatching(/could not be opened/) as unknown });
    const error = (await history.get(BOB, 'abcdefgh12').catch((e: unknown) => e)) as AirlockError;
    expect(error).toMatchObject({ code: 'E_UNAVAILABLE', message: 'The history database on this device could not be opened or used.' });
  });

  it('a database failing mid-call (disk gone): E_UNAVAILABLE in words, never engine text', async () => {
    const failing = async (file: string): Promise<HistoryDb> => {
      const real = await openHistoryDb(file);
      const { HistoryDbUnavailable } = await import('../../../../../electron/services/history/history-db');
      return { ...real, page: () => { throw new HistoryDbUnavailable('io-error'); } };
    };
    const { history } = rig({ deps: { openDb: failing } });
    await expect(history.list(BOB, { limit: 10 })).rejects.toMatchObject({ code: 'E_UNAVAILABLE', message: 'The history database on this device could not be opened or used.' });
  });
});
