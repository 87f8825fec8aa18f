// The sandbox receiver's RFC 5425 framing: `MSG-LEN SP SYSLOG-MSG`, frames split across and packed into
// chunks in any way, and the refusals a receiver must make (no resynchronising after garbage).
import { describe, expect, it } from 'vitest';
import { createFrameSplitter } from '../../../../sandbox/syslog/octet-frames';

const frame = (text: string) => `${Buffer.byteLength(text)} ${text}`;

describe('octet-counted frames (RFC 5425)', () => {
  it('splits frames packed into one chunk and frames cut across chunks at every byte', () => {
    const texts = ['<110>1 - - - - - - one', '<110>1 - - - - - - twö', '<110>1 - - - - - - three'];
    const stream = Buffer.from(texts.map(frame).join(''));
    expect(createFrameSplitter().push(stream).frames.map((f) => f.toString())).toEqual(texts);
    for (let cut = 1; cut < stream.length; cut += 1) {
      const splitter = createFrameSplitter();
      const first = splitter.push(stream.subarray(0, cut));
      const second = splitter.push(stream.subarray(cut));
      expect([...first.frames, ...second.frames].map((f) => f.toString())).toEqual(texts);
      expect(second.error).toBeNull();
    }
  });

  it('counts octets, not characters', () => {
    const text = '<110>1 - - - - - - \u{FEFF}grüße';
    const frames = createFrameSplitter().push(Buffer.from(frame(text))).frames;
    expect(frames.map((f) => f.toString())).toEqual([text]);
  });

  it('keeps a partial frame until the rest arrives', () => {
    const splitter = createFrameSplitter();
    expect(splitter.push(Buffer.from('12 <110>1 - -')).frames).toEqual([]);
    expect(splitter.pending()).toBeGreaterThan(0);
    expect(splitter.push(Buffer.from(' -')).frames.map(String)).toEqual(['<110>1 - - -']);
    expect(splitter.pending()).toBe(0);
  });

  it.each([
    ['a line without a length (non-transparent framing)', '<110>1 - - - - - - hello\n', /length/],
    ['a leading zero', '012 <110>1 - - -', /length/],
    ['a length over the limit', '99999999 x', /limit/],
    ['no space after the length', '12<110>1 - - -', /space/],
    ['a zero length', '0 ', /length/],
  ])('refuses %s and stays refused (no resynchronising)', (_what, input, words) => {
    const splitter = createFrameSplitter(65_536);
    const result = splitter.push(Buffer.from(input));
    expect(result.frames).toEqual([]);
    expect(result.error).toMatch(words);
    expect(splitter.push(Buffer.from(frame('<110>1 - - - - - - ok'))).error).toMatch(words);
  });
});
