// The audit trail service's face: a tamper-evident local record of every decision and outcome (SQLite in
// WAL through a store port; SHA-256 chain, evolving MAC key, Ed25519 checkpoints, anchors in the keychain),
// with query, verify, exports (JSONL, CSV, CEF, OCSF), retention and a cursor for forwarding.
// Nothing exported here returns a key; records hold no secrets (events are schema-checked and scrubbed).
export { createAuditTrail, type AuditStatus, type AuditTrail, type AuditTrailOptions, type ChainedRecord } from './audit-trail';
export { AuditEventSchema, AuditFilterSchema, MAX_PAGE, type AuditEvent, type AuditFilter, type AuditPage, type AuditPageRequest, type AuditRecord } from './audit-event';
export { auditUnavailable, type AuditUnavailableReason } from './audit-errors';
export type { AuditStore, StoreFailure } from './audit-store';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store';
export type { TamperKind, UnverifiableStretch, VerifyFinding, VerifyReport } from './verify-report';
export type { ExportFormatName } from './export/export-format';
export type { ExportSummary } from './export/export-trail';
export type { CheckpointBundle } from './export/checkpoint-bundle';
export { OCSF_VERSION } from './export/ocsf-format';
export { createForwarder, type Forwarder, type ForwarderOptions } from './forwarding/forwarder';
export { DEFAULT_FORWARDING_TIMING, type ForwardingTiming } from './forwarding/forwarding-timing';
export type { ForwardingTarget } from './forwarding/forwarding-target';
export type { ForwardingError, ForwardingState, ForwardingStatus } from './forwarding/forwarding-status';
export type { CollectorAddress, CollectorLink, CollectorTrust, ConnectCollector } from './forwarding/collector-link';
export { ANOMALY_THRESHOLDS, createAnomalyDetector, observeAppends, type AnomalyDetector, type AnomalyDetectorOptions, type AnomalyHint, type AnomalyKind, type AnomalyTrail, type ObservedRecord } from './anomalies';
