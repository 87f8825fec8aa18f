// The Audit screen benches' airlock: a copy of the shared 1M trail (audit-million.ts) in a fresh airlock's own
// <userData>/audit/, its keys under the keychain name the composition root derives from that folder, so it
// opens as that airlock's trail; the guarded in-process door; and a read-only better-sqlite3 handle on the
// same file for the raw baseline. Checks the airlock really opened the 1M trail (its newest page) before any
// timing starts. Never times anything itself.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAirlock, createMemoryKeychain, silentLogger, systemClock, type InProcessGateway } from '../../electron/services';
import type { AuditList } from '../../shared/contract/schemas/audit';
import { millionTrail } from './audit-million';

export interface MillionAirlock {
  /** The composition root's guarded door (as the CLI and tests use it). */
  readonly door: InProcessGateway;
  /** The airlock's own copy of the trail, opened read-only (the baseline's side). */
  readonly raw: Database.Database;
  readonly teardown: () => Promise<void>;
}

/** An airlock over its own copy of the 1M trail; `page` rows of its newest audit.list page are checked first. */
export async function millionAirlock(tempPrefix: string, page: number): Promise<MillionAirlock> {
  const data = await millionTrail();
  const userDataDir = await mkdtemp(path.join(tmpdir(), tempPrefix));
  const auditFolder = path.join(userDataDir, 'audit');
  await mkdir(auditFolder, { recursive: true, mode: 0o700 });
  await copyFile(data.file, path.join(auditFolder, 'audit.db'));
  // The same keychain name compose-guard.ts derives from the folder, holding the million trail's keys.
  const name = createHash('sha256').update(path.resolve(auditFolder)).digest('hex').slice(0, 16);
  const keychain = createMemoryKeychain();
  for (const [account, secret] of data.keychain.entries) {
    if (account.startsWith('audit-trail/default/')) keychain.entries.set(account.replace('audit-trail/default/', `audit-trail/${name}/`), secret);
  }
  const airlock = createAirlock(
    { runtime: { version: '0.1.0', build: 'production', runtime: 'node', platform: process.platform, arch: process.arch } },
    { clock: systemClock, logger: silentLogger, identity: { openBrowser: async () => undefined, keychain, userDataDir }, guard: { policySource: null } },
  );
  const door = airlock.inProcess('test');
  const first = await door.call('audit.list', { limit: page });
  if (!first.ok) throw new Error(`audit.list refused: ${first.error.code}`);
  const records = (first.value as AuditList).records;
  const newestSeq = records[0]?.seq ?? 0;
  if (records.length !== page || newestSeq < data.records) throw new Error(`the airlock did not open the 1M trail (newest seq ${newestSeq})`);
  const raw = new Database(path.join(auditFolder, 'audit.db'), { readonly: true });
  return {
    door,
    raw,
    teardown: async () => {
      raw.close();
      await airlock.dispose();
      await rm(userDataDir, { recursive: true, force: true });
      data.release();
    },
  };
}
