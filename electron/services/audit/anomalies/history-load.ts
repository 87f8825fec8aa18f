// Reads the account history the detector starts from: the trail's records of the last 30 days, newest first,
// a page at a time, at most maxHistoryRecords of them (a busier trail is judged on its newest records).
// Read once at start; after that the detector learns from each appended record. Reports what it read up to
// (the newest seq), so records appended meanwhile are learned exactly once.
import type { AuditFilter, AuditPage, AuditPageRequest, AuditRecord } from '../audit-event';
import { ANOMALY_THRESHOLDS as T } from './anomaly-hint';

/** What the detector needs of the audit trail. */
export interface AnomalyTrail {
  query(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage>;
}

const PAGE = 1000;

/** Calls `learn` for each record; resolves with the newest seq read (0: none). */
export async function loadHistory(trail: AnomalyTrail, now: Date, learn: (record: AuditRecord) => void, stopped: () => boolean): Promise<number> {
  const filter: AuditFilter = { from: new Date(now.getTime() - T.historyMs).toISOString() };
  let newest = 0;
  let read = 0;
  let before: number | undefined;
  while (!stopped()) {
    const page = await trail.query(filter, before === undefined ? { limit: PAGE } : { before, limit: PAGE });
    for (const record of page.records) {
      newest = Math.max(newest, record.seq);
      learn(record);
    }
    read += page.records.length;
    const oldest = page.records.at(-1);
    if (!page.hasOlder || !oldest || read >= T.maxHistoryRecords) break;
    before = oldest.seq;
  }
  return newest;
}
