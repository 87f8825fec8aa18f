// The sandbox receiver's RFC 5424 parser: header fields, structured data (escapes, several elements), the
// message with and without a BOM, and refusals in words.
import { describe, expect, it } from 'vitest';
import { parseSyslogMessage } from '../../../../sandbox/syslog/syslog-message';

describe('RFC 5424 messages', () => {
  it('reads the header, structured data and message', () => {
    const text = '<110>1 2026-05-01T08:00:00.123Z laptop-7 airlock - outcome [airlock@32473 seq="42" hash="ab+/="][meta sequenceId="42"] CEF:0|Airlock|x';
    const parsed = parseSyslogMessage(Buffer.from(text));
    expect(parsed).toEqual({
      ok: true,
      message: {
        facility: 13,
        severity: 6,
        version: 1,
        timestamp: '2026-05-01T08:00:00.123Z',
        hostname: 'laptop-7',
        appName: 'airlock',
        procId: null,
        msgId: 'outcome',
        structuredData: { 'airlock@32473': { seq: '42', hash: 'ab+/=' }, meta: { sequenceId: '42' } },
        msg: 'CEF:0|Airlock|x',
        bom: false,
      },
    });
  });

  it('unescapes \\" \\\\ \\] in parameter values, keeps other backslashes, strips a BOM from the message', () => {
    const text = '<110>1 - - - - - [x@1 a="q\\"b\\\\c\\]d\\e"] \u{FEFF}grüße';
    const parsed = parseSyslogMessage(Buffer.from(text));
    expect(parsed.ok && parsed.message.structuredData).toEqual({ 'x@1': { a: 'q"b\\c]d\\e' } });
    expect(parsed.ok && parsed.message).toMatchObject({ msg: 'grüße', bom: true, timestamp: null, hostname: null, msgId: null });
  });

  it('accepts a message without MSG and without structured data', () => {
    const parsed = parseSyslogMessage(Buffer.from('<0>1 - - - - - -'));
    expect(parsed.ok && parsed.message).toMatchObject({ facility: 0, severity: 0, msg: '', structuredData: {} });
  });

  it.each([
    ['no PRI', 'hello', /PRI/],
    ['a PRI over 191', '<192>1 - - - - -', /PRI/],
    ['version 2', '<110>2 - - - - -', /version/],
    ['a bad timestamp', '<110>1 yesterday - - - -', /timestamp/],
    ['a header field missing', '<110>1 - - -', /header/],
    ['unterminated structured data', '<110>1 - - - - [x@1 a="b"', /structured data/],
    ['a parameter without quotes', '<110>1 - - - - [x@1 a=b]', /structured data/],
    ['an MSGID over 32 characters', `<110>1 - - - - ${'m'.repeat(33)} -`, /MSGID/],
  ])('refuses %s in words', (_what, input, words) => {
    const parsed = parseSyslogMessage(Buffer.from(input));
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(words);
  });
});
