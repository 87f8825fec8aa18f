// The history service's face: the local, encrypted record of every test inference (endpoint.score), scoped
// to the account and environment that made it, kept for the policy's historyRetentionDays.
export { createHistoryService, DEFAULT_HISTORY_RETENTION_DAYS, HISTORY_PRUNE_EVERY_MS, type HistoryListQuery, type HistoryService, type HistoryServiceDeps } from './history-service';
export { payloadFacts, type RecordedRequest } from './history-entry';
export { openHistoryDb, type HistoryDb, type Owner as HistoryOwner } from './history-db';
