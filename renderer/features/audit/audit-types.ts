// The audit and policy display shapes the Audit screen and Settings → Policy use, from the IPC contract
// (shared/contract/schemas/{audit,policy}.ts), under the names these views use.
export type {
  AnomalyHintView,
  AuditExportFormat as ExportFormat,
  AuditExportView,
  AuditList as AuditListView,
  AuditListFilter as AuditFilterView,
  AuditRecordView,
  AuditStatusView,
  VerifyReportView,
} from '../../../shared/contract/schemas/audit';
export type { PolicyView } from '../../../shared/contract/schemas/policy';

export type AuditOutcomeFilter = 'ok' | 'error' | 'allow' | 'deny';
