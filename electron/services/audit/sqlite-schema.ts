// The audit database's tables. A record is its canonical body (the bytes the chain hashes) plus its MAC; the
// columns filters use are GENERATED from the body and STORED, so they cannot be edited apart from it with SQL
// (SQLite refuses an UPDATE of a generated column) and a filtered view shows what the chained body says.
// Indexes: time, result, and each of action, account, resource and kind paired with the result (the Audit
// screen's usual pair: "alice's errors", "denied invokes"), so such a pair is one index range already in seq
// order (the rowid closes every index) and a page stops after its rows, even when nothing matches. A lone
// `action = ?` is answered as a merge of one range per result value (sqlite-store.ts, pageQuery). Version 1
// had single-column indexes instead: an empty account + outcome page walked all of the account's records
// checking each in the table (175 ms at 1M). Keeping both kinds would cost appends dearly (9 indexes: 85 ms
// per 1,000 against 51 ms with 5; each index's dirtied pages go to the WAL at every commit). Opening a
// version 1 database drops its three single-column indexes and builds the pairs, in one transaction, once
// (~12 s at 1M records on a loaded 2-core machine); nothing else changes.
// Never holds a secret: bodies hold what the event schema accepted; keys live in the keychain only.

export const SCHEMA_VERSION = '2';

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS records (
  seq INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  mac TEXT NOT NULL,
  time TEXT GENERATED ALWAYS AS (json_extract(body, '$.time')) STORED,
  kind TEXT GENERATED ALWAYS AS (json_extract(body, '$.kind')) STORED,
  action TEXT GENERATED ALWAYS AS (json_extract(body, '$.action')) STORED,
  result TEXT GENERATED ALWAYS AS (coalesce(json_extract(body, '$.outcome'), json_extract(body, '$.decision'))) STORED,
  account TEXT GENERATED ALWAYS AS (coalesce(json_extract(body, '$.username'), json_extract(body, '$.accountId'))) STORED,
  resource TEXT GENERATED ALWAYS AS (json_extract(body, '$.resource')) STORED
) STRICT;
DROP INDEX IF EXISTS records_action;
DROP INDEX IF EXISTS records_account;
DROP INDEX IF EXISTS records_resource;
CREATE INDEX IF NOT EXISTS records_time ON records(time);
CREATE INDEX IF NOT EXISTS records_result ON records(result);
CREATE INDEX IF NOT EXISTS records_action_result ON records(action, result);
CREATE INDEX IF NOT EXISTS records_account_result ON records(account, result);
CREATE INDEX IF NOT EXISTS records_resource_result ON records(resource, result);
CREATE INDEX IF NOT EXISTS records_kind_result ON records(kind, result);
CREATE TABLE IF NOT EXISTS checkpoints (seq INTEGER PRIMARY KEY, body TEXT NOT NULL, signature TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS epochs (epoch INTEGER PRIMARY KEY, body TEXT NOT NULL, certificate TEXT) STRICT;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
`;

/** The filterable columns, by AuditFilter key. */
export const FILTER_COLUMNS = { action: 'action', outcome: 'result', account: 'account', resource: 'resource', kind: 'kind' } as const;
