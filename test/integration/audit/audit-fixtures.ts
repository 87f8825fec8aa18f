// Test conveniences for the audit trail's integration tests: a temp folder per test, the vault's in-memory
// keychain (or a file keychain that outlives a process), events, and raw SQL access for tampering.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAuditTrail, type AuditEvent, type AuditTrail, type AuditTrailOptions } from '../../../electron/services/audit';
import { keychainUnavailable, type Keychain } from '../../../electron/services/vault';

export function tempFolder(): { dir: string; file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-audit-'));
  return { dir, file: path.join(dir, 'audit.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function event(i: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    kind: 'outcome',
    correlationId: `c-${i}`,
    action: i % 3 === 0 ? 'auth.signIn' : 'workspace.models',
    resource: `workspace:ws-${i % 5}`,
    accountId: `acc-${i % 2}`,
    username: i % 2 ? 'alice@contoso.example' : 'bob@contoso.example',
    tenantId: 'tenant-1',
    environmentId: 'sandbox',
    outcome: i % 4 === 0 ? 'error' : 'ok',
    ...(i % 4 === 0 ? { errorCode: 'E_TIMEOUT' } : {}),
    durationMs: i % 17,
    route: 'none',
    host: 'test',
    ...overrides,
  };
}

export async function openTrail(file: string, keychain: Keychain | null, extra: Partial<AuditTrailOptions> = {}): Promise<AuditTrail> {
  return createAuditTrail({ file, keychain, checkpointEvery: { records: 20 }, epochEvery: { records: 50 }, ...extra });
}

/** Appends n events one batch at a time (small batches, so epochs change along the way). */
export async function fill(trail: AuditTrail, n: number, from = 0, batch = 10): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = from; i < from + n; i += batch) {
    const done = await Promise.all(Array.from({ length: Math.min(batch, from + n - i) }, (_, k) => trail.append(event(i + k))));
    seqs.push(...done.map((d) => d.seq));
  }
  return seqs;
}

/** Runs SQL on the closed database directly, as someone with the file would. */
export function tamper(file: string, run: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    run(db);
  } finally {
    db.close();
  }
}

/** A keychain kept in a JSON file, so a child process and its parent share it (tests only; not a secret store). */
export function fileKeychain(file: string): Keychain {
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  const save = (entries: Record<string, string>): void => {
    writeFileSync(`${file}.tmp`, JSON.stringify(entries));
    renameSync(`${file}.tmp`, file);
  };
  return {
    backend: async () => ({ available: true, backend: 'test file' }),
    getSecret: async (account) => read()[account] ?? null,
    setSecret: async (account, secret) => save({ ...read(), [account]: secret }),
    deleteSecret: async (account) => {
      const entries = read();
      delete entries[account];
      save(entries);
    },
  };
}

export const downKeychain: Keychain = {
  backend: async () => ({ available: false, backend: 'test', failure: 'no-service', reason: 'No keychain service is running' }),
  getSecret: async () => {
    throw keychainUnavailable('no-service');
  },
  setSecret: async () => {
    throw keychainUnavailable('no-service');
  },
  deleteSecret: async () => {
    throw keychainUnavailable('no-service');
  },
};
