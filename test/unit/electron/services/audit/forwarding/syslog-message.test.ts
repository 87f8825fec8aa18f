// What Airlock puts on the wire for one record: an RFC 5424 message (facility log audit, the record's own
// time, MSGID the record kind, the seq and chain hash in structured data so a collector can drop repeats)
// carrying CEF (Q's formatter, one line) or the canonical JSON body verbatim, framed per RFC 5425. Read back
// with the sandbox's independent parser.
import { describe, expect, it } from 'vitest';
import { bodyHash, canonicalBody, GENESIS } from '../../../../../../electron/services/audit/canonical';
import { octetFrame, syslogHostname, syslogMessage } from '../../../../../../electron/services/audit/forwarding/syslog-message';
import type { AuditEvent } from '../../../../../../electron/services/audit';
import { createFrameSplitter } from '../../../../../../sandbox/syslog/octet-frames';
import { parseSyslogMessage } from '../../../../../../sandbox/syslog/syslog-message';

function chained(seq: number, event: Partial<AuditEvent> = {}) {
  const body = canonicalBody(GENESIS, {
    seq,
    epoch: 1,
    time: '2026-05-01T08:00:00.123Z',
    event: {
      kind: 'outcome',
      correlationId: 'c-1',
      action: 'workspace.models',
      resource: 'workspace:ws-1',
      accountId: 'acc-1',
      username: 'alice@contoso.example',
      tenantId: 't-1',
      environmentId: 'sandbox',
      outcome: 'ok',
      ...event,
    },
  });
  return { seq, body, hash: bodyHash(body) };
}

function readBack(text: string) {
  const parsed = parseSyslogMessage(Buffer.from(text));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.message;
}

describe('syslog message for a record', () => {
  it('CEF: RFC 5424 header from the record, seq and hash in structured data, the CEF line as MSG', () => {
    const record = chained(42);
    const message = readBack(syslogMessage(record, 'cef', { hostname: 'laptop-7' }));
    expect(message).toMatchObject({ facility: 13, severity: 6, timestamp: '2026-05-01T08:00:00.123Z', hostname: 'laptop-7', appName: 'airlock', procId: null, msgId: 'outcome', bom: false });
    expect(message.structuredData).toEqual({ 'airlock@32473': { seq: '42', hash: record.hash } });
    expect(message.msg).toMatch(/^CEF:0\|Airlock\|Airlock\|[^|]+\|workspace\.models\|/);
    expect(message.msg).toContain('externalId=42');
    expect(message.msg).not.toContain('\n');
  });

  it('JSON: the canonical body verbatim (a collector can recompute the chain hash from it)', () => {
    const record = chained(7);
    const message = readBack(syslogMessage(record, 'json', { hostname: 'laptop-7' }));
    expect(message.msg).toBe(record.body);
    expect(bodyHash(message.msg)).toBe(message.structuredData['airlock@32473']?.hash);
  });

  it('denials and errors are warnings, gaps critical', () => {
    expect(readBack(syslogMessage(chained(1, { kind: 'decision', outcome: undefined, decision: 'deny' }), 'cef', { hostname: 'h' })).severity).toBe(4);
    expect(readBack(syslogMessage(chained(2, { outcome: 'error', errorCode: 'E_TIMEOUT' }), 'json', { hostname: 'h' })).severity).toBe(4);
    expect(readBack(syslogMessage(chained(3, { kind: 'system', action: 'audit.gap', outcome: undefined }), 'json', { hostname: 'h' })).severity).toBe(2);
  });

  it('marks a message that is not plain ASCII as UTF-8 with a BOM (RFC 5424 §6.4) and keeps it intact', () => {
    const record = chained(5, { username: 'jürgen@contoso.example' });
    const text = syslogMessage(record, 'json', { hostname: 'h' });
    const message = readBack(text);
    expect(message.bom).toBe(true);
    expect(message.msg).toBe(record.body);
    expect(readBack(syslogMessage(chained(6), 'json', { hostname: 'h' })).bom).toBe(false);
  });

  it('frames by octets, not characters (RFC 5425), and frames split back exactly', () => {
    const texts = [syslogMessage(chained(1, { username: 'jürgen' }), 'cef', { hostname: 'h' }), syslogMessage(chained(2), 'json', { hostname: 'h' })];
    const stream = Buffer.concat(texts.map(octetFrame));
    expect(stream.toString().startsWith(`${Buffer.byteLength(texts[0]!)} `)).toBe(true);
    expect(createFrameSplitter().push(stream).frames.map(String)).toEqual(texts);
  });

  it('keeps HOSTNAME to printable ASCII, at most 255, or nil', () => {
    expect(syslogHostname('laptop-7.contoso.example')).toBe('laptop-7.contoso.example');
    expect(syslogHostname('Jürgens Laptop')).toBe('J-rgens-Laptop');
    expect(syslogHostname('')).toBe('-');
    expect(syslogHostname('x'.repeat(300))).toHaveLength(255);
  });
});
