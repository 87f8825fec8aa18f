// Why the audit trail cannot record, in plain words: every append failure leaves as E_AUDIT_UNAVAILABLE with
// one of these sentences and hints. Never carries engine error text, a path with a user's data, or a record.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { StoreFailure } from './audit-store';

export type AuditUnavailableReason = StoreFailure | 'invalid-record' | 'not-open';

const WORDS: Readonly<Record<AuditUnavailableReason, { readonly why: string; readonly hint: string }>> = {
  'read-only': { why: 'the audit database is read-only', hint: 'Ask your administrator to make Airlock’s audit database writable for your account, then try again.' },
  'disk-full': { why: 'the disk (or the audit database’s size limit) is full', hint: 'Free some disk space, then try again.' },
  corrupt: { why: 'the audit database is damaged', hint: 'Ask your administrator: the damaged file should be kept as evidence and a new one started.' },
  'cannot-open': { why: 'the audit database could not be opened', hint: 'Ask your administrator to check that your account may create and write Airlock’s audit database.' },
  'io-error': { why: 'the disk reported an error while writing the audit database', hint: 'Check the disk, then try again.' },
  busy: { why: 'another program (another Airlock, or an airlock command) kept the audit database busy for too long', hint: 'Wait for it to finish, or close it, then try again.' },
  'engine-missing': { why: 'Airlock’s database engine could not be loaded', hint: 'Reinstall Airlock or ask your administrator.' },
  closed: { why: 'the audit trail is closed', hint: 'Restart Airlock.' },
  'not-open': { why: 'the audit trail has not been opened', hint: 'Restart Airlock.' },
  'invalid-record': { why: 'the audit record was not valid (a field had a value the trail does not accept)', hint: 'Report this to your support team; nothing was recorded.' },
};

/** The plain-words reason, a clause without a final full stop ("the audit database is read-only"). */
export function auditUnavailableWords(reason: AuditUnavailableReason): string {
  return WORDS[reason].why;
}

export function auditUnavailable(reason: AuditUnavailableReason): AirlockError {
  const words = WORDS[reason];
  return new AirlockError('E_AUDIT_UNAVAILABLE', {
    message: `The audit trail cannot record this action because ${words.why}, so Airlock stopped it.`,
    hint: words.hint,
  });
}
