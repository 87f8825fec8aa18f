// The audit trail's state in the words the Audit screen shows — the same words `airlock audit status` uses
// where both say the same thing. Plain strings; never reads anything but the status it is given.
import type { AuditStatusView } from './audit-types';

export function keysWords(status: AuditStatusView): string {
  if (status.keychain === 'keychain') return 'in the OS keychain';
  // The reason is a sentence of its own (the keychain's reasons come without a final full stop).
  const reason = status.keychainReason ? ` ${status.keychainReason.replace(/\.?$/, '.')}` : '';
  return `in memory only — records made now cannot be verified after Airlock restarts.${reason}`;
}

/** The newest record's number: not a count, since retention removes the oldest records. */
export function newestRecordWords(status: AuditStatusView): { term: string; value: string } {
  return { term: 'Newest record', value: `#${status.lastSeq.toLocaleString()}` };
}

/** "unknown" when the trail does not say (as the CLI says it), never a promise that records are kept forever. */
export function retentionWords(status: AuditStatusView): string {
  return status.retentionDays === null ? 'unknown' : `${status.retentionDays} days`;
}

/** The forwarder's own words already name the collector (host:port and format), so the target is not repeated. */
export function forwardingWords(status: AuditStatusView): string {
  return status.forwarding ? status.forwarding.words : 'off (this machine only)';
}
