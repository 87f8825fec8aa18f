// RFC 5425 framing as a receiver reads it: every frame is `MSG-LEN SP SYSLOG-MSG`, MSG-LEN the octet count of
// the message in decimal without leading zeros. Frames may be packed into one chunk or cut across many.
// A byte stream that breaks the framing cannot be resynchronised (there is no delimiter to look for), so
// after the first error the splitter refuses everything: the receiver closes that connection.
// Never buffers more than one frame (the limit) plus one length.

export interface SplitResult {
  readonly frames: readonly Buffer[];
  /** Plain words when the stream broke the framing (then and ever after); null otherwise. */
  readonly error: string | null;
}

export interface FrameSplitter {
  push(chunk: Buffer): SplitResult;
  /** Bytes held for a frame not yet complete. */
  pending(): number;
}

const SP = 0x20;
const ZERO = 0x30;
const NINE = 0x39;

/** `maxFrame`: the largest message accepted (RFC 5425 asks receivers for at least 2048, should 8192). */
export function createFrameSplitter(maxFrame = 65_536): FrameSplitter {
  const maxDigits = String(maxFrame).length;
  let buffered: Buffer = Buffer.alloc(0);
  let error: string | null = null;

  /** The frame at the start of `buffered`: its length and where its message starts, 'more' or an error. */
  function header(): { length: number; start: number } | { more: true } | { error: string } {
    let length = 0;
    let at = 0;
    while (at < buffered.length) {
      const byte = buffered[at]!;
      if (byte === SP) break;
      if (byte < ZERO || byte > NINE) return { error: `the stream is not octet-counted: byte 0x${byte.toString(16).padStart(2, '0')} stands where the frame length (digits, then a space) should be` };
      if (at === 0 && byte === ZERO) return { error: 'the frame length starts with 0 (RFC 5425 lengths have no leading zeros and are never 0)' };
      length = length * 10 + (byte - ZERO);
      at += 1;
      if (at > maxDigits || length > maxFrame) return { error: `the frame length is over the limit of ${maxFrame} octets` };
    }
    if (at === buffered.length) return { more: true };
    if (at === 0) return { error: 'the frame has no length before the space' };
    return { length, start: at + 1 };
  }

  return {
    push(chunk) {
      if (error) return { frames: [], error };
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const frames: Buffer[] = [];
      for (;;) {
        if (buffered.length === 0) break;
        const found = header();
        if ('more' in found) break;
        if ('error' in found) {
          error = found.error;
          buffered = Buffer.alloc(0);
          break;
        }
        if (buffered.length < found.start + found.length) break;
        frames.push(Buffer.from(buffered.subarray(found.start, found.start + found.length)));
        buffered = buffered.subarray(found.start + found.length);
      }
      return { frames, error };
    },
    pending: () => buffered.length,
  };
}
