// The history database over better-sqlite3 (as the audit trail: built from source, WAL journal, file 0600 in a
// 0700 folder). A row is its owner (account and environment), its summary as JSON text (what history.list shows:
// time, target, status, sizes, SHA-256 — never a body) and its bodies sealed (history-crypto.ts). Every query
// names the owner, so one account never reads, lists or deletes another's rows. secure_delete overwrites a
// deleted row's pages. The engine is loaded on open; a missing build or a broken file is a failure kind, never
// a crash or engine text. Never logs.
import { closeSync, openSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';

type Database = BetterSqlite3.Database;
type DatabaseConstructor = typeof BetterSqlite3;

export interface Owner {
  readonly accountId: string;
  readonly environmentId: string;
}

export interface HistoryRow {
  readonly id: string;
  readonly at: string;
  readonly workspaceId: string;
  readonly endpointName: string;
  readonly summary: string;
  readonly keyId: string;
  readonly sealed: Buffer;
}

export interface HistoryDb {
  insert(owner: Owner, row: HistoryRow): void;
  /** Newest first; `before`: rows older than that id's; at most `limit`. */
  page(owner: Owner, filter: { readonly workspaceId?: string; readonly endpointName?: string; readonly before?: string; readonly limit: number }): HistoryRow[];
  get(owner: Owner, id: string): HistoryRow | null;
  remove(owner: Owner, id: string): number;
  removeAll(owner: Owner): number;
  /** Every row older than `at` (ISO), of every owner: retention. */
  removeBefore(at: string): number;
  /** Every row of every owner (forget this device, a lost key). */
  wipe(): number;
  /** Rows sealed under another key than `keyId` (its key is gone: they can never be read again). */
  removeOtherKeys(keyId: string): number;
  close(): void;
}

export class HistoryDbUnavailable extends Error {
  constructor(readonly kind: 'engine-missing' | 'cannot-open' | 'corrupt' | 'io-error') {
    super(`history database unavailable: ${kind}`);
    this.name = 'HistoryDbUnavailable';
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS entries (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  account_id TEXT NOT NULL,
  environment_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  endpoint_name TEXT NOT NULL,
  summary TEXT NOT NULL,
  key_id TEXT NOT NULL,
  sealed BLOB NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS entries_owner ON entries(account_id, environment_id, n);
CREATE INDEX IF NOT EXISTS entries_at ON entries(at);
`;

const COLUMNS = 'id, at, workspace_id AS workspaceId, endpoint_name AS endpointName, summary, key_id AS keyId, sealed';

function kindOf(error: unknown): HistoryDbUnavailable['kind'] {
  const raw = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  const code = typeof raw === 'string' ? raw : '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EPERM' || code === 'ENOENT') return 'cannot-open';
  return 'io-error';
}

function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof HistoryDbUnavailable ? error : new HistoryDbUnavailable(kindOf(error));
  }
}

async function loadEngine(): Promise<DatabaseConstructor> {
  try {
    const loaded = (await import('better-sqlite3')) as { default?: DatabaseConstructor } & DatabaseConstructor;
    return loaded.default ?? loaded;
  } catch {
    throw new HistoryDbUnavailable('engine-missing');
  }
}

/** Opens (creating when absent, mode 0600) the history database at `file`. */
export async function openHistoryDb(file: string): Promise<HistoryDb> {
  const Engine = await loadEngine();
  const db: Database = guarded(() => {
    closeSync(openSync(file, 'a', 0o600));
    const opened = new Engine(file, { fileMustExist: true });
    opened.pragma('journal_mode = WAL');
    opened.pragma('synchronous = NORMAL');
    opened.pragma('secure_delete = ON');
    opened.pragma('busy_timeout = 2000');
    opened.exec(SCHEMA);
    return opened;
  });
  const owned = 'account_id = @accountId AND environment_id = @environmentId';
  const insert = db.prepare(
    'INSERT INTO entries (id, at, account_id, environment_id, workspace_id, endpoint_name, summary, key_id, sealed) VALUES (@id, @at, @accountId, @environmentId, @workspaceId, @endpointName, @summary, @keyId, @sealed)',
  );
  const getOne = db.prepare(`SELECT ${COLUMNS} FROM entries WHERE id = @id AND ${owned}`);
  const removeOne = db.prepare(`DELETE FROM entries WHERE id = @id AND ${owned}`);
  const removeOwned = db.prepare(`DELETE FROM entries WHERE ${owned}`);
  const removeOld = db.prepare('DELETE FROM entries WHERE at < ?');
  const removeEvery = db.prepare('DELETE FROM entries');
  const removeKeys = db.prepare('DELETE FROM entries WHERE key_id <> ?');
  const owner = (o: Owner) => ({ accountId: o.accountId, environmentId: o.environmentId });
  return {
    insert: (o, row) => void guarded(() => insert.run({ ...owner(o), ...row })),
    page(o, filter) {
      const clauses = [owned];
      const params: Record<string, string | number> = { ...owner(o), limit: filter.limit };
      // Azure's names and ids are case-insensitive: a filter typed in other case still finds the entries.
      if (filter.workspaceId !== undefined) {
        clauses.push('workspace_id = @workspaceId COLLATE NOCASE');
        params['workspaceId'] = filter.workspaceId;
      }
      if (filter.endpointName !== undefined) {
        clauses.push('endpoint_name = @endpointName COLLATE NOCASE');
        params['endpointName'] = filter.endpointName;
      }
      if (filter.before !== undefined) {
        clauses.push(`n < coalesce((SELECT n FROM entries WHERE id = @before AND ${owned}), -1)`);
        params['before'] = filter.before;
      }
      return guarded(() => db.prepare(`SELECT ${COLUMNS} FROM entries WHERE ${clauses.join(' AND ')} ORDER BY n DESC LIMIT @limit`).all(params) as HistoryRow[]);
    },
    get: (o, id) => guarded(() => (getOne.get({ id, ...owner(o) }) as HistoryRow | undefined) ?? null),
    remove: (o, id) => guarded(() => removeOne.run({ id, ...owner(o) }).changes),
    removeAll: (o) => guarded(() => removeOwned.run(owner(o)).changes),
    removeBefore: (at) => guarded(() => removeOld.run(at).changes),
    wipe: () =>
      guarded(() => {
        const changes = removeEvery.run().changes;
        db.pragma('wal_checkpoint(TRUNCATE)'); // the WAL's copies of the pages go too
        return changes;
      }),
    removeOtherKeys: (keyId) => guarded(() => removeKeys.run(keyId).changes),
    close: () => {
      if (db.open) db.close();
    },
  };
}
