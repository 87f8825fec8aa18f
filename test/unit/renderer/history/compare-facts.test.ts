// The compare view's facts: which rows differ between two entries, the body hash as the "same request" test,
// and the list's words for time, target and status.
import { describe, expect, it } from 'vitest';
import type { HistoryEntryView } from '../../../../shared/contract/schemas/history';
import { compareFacts, sameRequest } from '../../../../renderer/features/history/compare-facts';
import { statusWords, targetWords, whenText } from '../../../../renderer/features/history/history-display';

const SHA = 'a'.repeat(64);
function entry(over: { status?: number; ms?: number; deployment?: string | null; sha?: string; failure?: string } = {}): HistoryEntryView {
  const status = over.status ?? 200;
  return {
    summary: {
      id: 'h-00000001',
      at: '2026-12-04T10:31:07.000Z',
      environmentId: 'AzureCloud',
      workspaceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w',
      endpointName: 'credit-scoring',
      deploymentName: over.deployment ?? null,
      answeredBy: 'blue',
      status,
      ok: status < 300,
      failureTitle: over.failure ?? null,
      totalMs: over.ms ?? 150,
      requestBytes: 40,
      responseBytes: 60,
      requestSha256: over.sha ?? SHA,
      authMode: 'AMLToken',
      via: 'vpn',
    },
    payload: '{}',
    result: {
      status,
      ok: status < 300,
      requestId: 'req-1',
      modelDeployment: 'blue',
      runFunctionFailure: null,
      contentType: 'application/json',
      body: '{}',
      bodyBytes: 60,
      bodyTruncated: false,
      failure: over.failure ? { title: over.failure, words: 'w' } : null,
      timings: { dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: 100, downloadMs: 2, totalMs: over.ms ?? 150 },
      authMode: 'AMLToken',
      route: { via: 'vpn', id: 'vpn' },
      historyId: 'h-00000001',
    },
  };
}

describe('compareFacts', () => {
  it('marks exactly the rows that differ', () => {
    const rows = compareFacts(entry(), entry({ status: 503, ms: 2000, failure: 'Service unavailable' }));
    const differing = rows.filter((r) => r.differs).map((r) => r.key);
    expect(differing).toEqual(['status', 'totalMs']);
    expect(rows.find((r) => r.key === 'status')).toMatchObject({ left: 'HTTP 200', right: 'HTTP 503 — Service unavailable' });
    expect(rows.find((r) => r.key === 'dnsMs')).toMatchObject({ left: '—', right: '—', differs: false });
    expect(rows.find((r) => r.key === 'totalMs')).toMatchObject({ left: '150 ms', right: '2,000 ms' });
  });

  it('same request by body hash', () => {
    expect(sameRequest(entry(), entry())).toBe(true);
    expect(sameRequest(entry(), entry({ sha: 'b'.repeat(64) }))).toBe(false);
  });
});

describe('history display words', () => {
  it('time, target and status', () => {
    expect(whenText('2026-12-04T10:31:07.000Z')).toMatch(/^2026-12-0[45] \d\d:\d\d:07$/);
    expect(whenText('nonsense')).toBe('—');
    expect(targetWords(null)).toBe('Traffic split');
    expect(targetWords('blue\u202e')).toBe('Deployment blue[U+202E]');
    expect(statusWords({ status: 429, failureTitle: 'Too many requests' })).toBe('429 Too many requests');
    expect(statusWords({ status: 200, failureTitle: null })).toBe('200');
  });
});
