// The invoke result as terminal text: a kept-alive connection (the schema was read over it first) says it was
// reused instead of three bare dashes; a new connection shows each phase.
import { describe, expect, it } from 'vitest';
import { formatInvoke } from '../../../../electron/cli/format-invoke';
import type { InvokeResultView } from '../../../../shared/contract/schemas/endpoint';

const result = (timings: InvokeResultView['timings']): InvokeResultView => ({
  status: 200,
  ok: true,
  requestId: 'r-1',
  modelDeployment: 'blue',
  runFunctionFailure: null,
  contentType: 'application/json',
  body: '[0.1]',
  bodyBytes: 5,
  bodyTruncated: false,
  failure: null,
  timings,
  authMode: 'AMLToken',
  route: { via: 'vpn', id: 'vpn' },
  historyId: null,
});

describe('formatInvoke timings', () => {
  it('says the connection was reused when there was no dns, connect or tls', () => {
    const text = formatInvoke(result({ dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: 2.5, downloadMs: 0.1, totalMs: 2.7 }));
    expect(text).toContain('Timings: connection reused (no dns, connect or tls), first byte 2.5 ms, download 0.1 ms, total 2.7 ms');
  });
  it('shows every phase of a new connection', () => {
    const text = formatInvoke(result({ dnsMs: 1, connectMs: 0.5, tlsMs: 3, ttfbMs: 2.5, downloadMs: 0.1, totalMs: 7.1 }));
    expect(text).toContain('Timings: dns 1.0 ms, connect 0.5 ms, tls 3.0 ms, first byte 2.5 ms');
  });
});
