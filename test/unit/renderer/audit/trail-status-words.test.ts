// The Audit screen's words for the trail's state and for an anomaly hint: the newest record's number (not a
// count: retention prunes old records), "unknown" retention as `airlock audit status` says it, the forwarding
// target once (the forwarder's words already name it), and no second "hint only" sentence beside the detector's.
import { describe, expect, it } from 'vitest';
import { hintDetailWords } from '../../../../renderer/features/audit/anomaly-hint-words';
import { forwardingWords, keysWords, newestRecordWords, retentionWords } from '../../../../renderer/features/audit/trail-status-words';
import type { AnomalyHintView, AuditStatusView } from '../../../../renderer/features/audit/audit-types';

const status: AuditStatusView = {
  writable: true,
  reason: null,
  lastSeq: 12345,
  keychain: 'keychain',
  keychainReason: null,
  durability: 'process',
  location: '/tmp/audit',
  retentionDays: null,
  forwarding: { state: 'delivering', target: '127.0.0.1:6514 (RFC5424)', deliveredSeq: 12000, words: 'Forwarding to 127.0.0.1:6514 (RFC5424): up to date' },
};

describe('trail status words', () => {
  it('names the newest record by its number, not as a count of records', () => {
    expect(newestRecordWords(status)).toEqual({ term: 'Newest record', value: `#${(12345).toLocaleString()}` });
  });

  it('adds the keychain reason as its own sentence, never a sentence in brackets', () => {
    const memory = { ...status, keychain: 'memory' as const };
    expect(keysWords({ ...memory, keychainReason: 'No OS keychain answered' })).toBe('in memory only — records made now cannot be verified after Airlock restarts. No OS keychain answered.');
    expect(keysWords({ ...memory, keychainReason: 'It lasts only while it runs.' })).toBe('in memory only — records made now cannot be verified after Airlock restarts. It lasts only while it runs.');
    expect(keysWords({ ...memory, keychainReason: null })).toBe('in memory only — records made now cannot be verified after Airlock restarts.');
  });

  it('says "unknown" when the retention is not known, as the CLI does', () => {
    expect(retentionWords(status)).toBe('unknown');
    expect(retentionWords({ ...status, retentionDays: 90 })).toBe('90 days');
  });

  it('prints the forwarding target once: the words already hold it', () => {
    expect(forwardingWords(status)).toBe('Forwarding to 127.0.0.1:6514 (RFC5424): up to date');
    expect(forwardingWords({ ...status, forwarding: null })).toBe('off (this machine only)');
  });
});

describe('anomaly hint words', () => {
  const hint: AnomalyHintView = {
    kind: 'repeated-failures',
    accountId: 'a1',
    username: 'bob@contoso.test',
    since: '2025-03-04T05:06:07Z',
    summary: '6 failed sign-ins in 10 minutes. A hint only: it blocks nothing by itself.',
    blocking: false,
    evidenceSeqs: [1, 2, 3],
  };

  it('adds who, since when and the records, and no sentence of its own about blocking', () => {
    for (const blocking of [false, true]) {
      const words = hintDetailWords({ ...hint, blocking });
      expect(words).toContain('bob@contoso.test');
      expect(words).toContain('records 1, 2, 3');
      expect(words).not.toMatch(/hint only|nothing is blocked|refuses/i);
    }
  });
});
