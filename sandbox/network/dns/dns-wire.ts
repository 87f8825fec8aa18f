// The few pieces of the DNS wire format (RFC 1035) the sandbox's private resolver needs: read one query
// (header + one question), and write a reply with A, AAAA and CNAME records. Names in replies are written
// uncompressed (valid, and the replies are small). It never trusts a length from the packet without
// checking it against the buffer: a short or looping packet is `null`, never an exception or a hang.

export const TYPE = { A: 1, CNAME: 5, AAAA: 28, ANY: 255 } as const;
export const CLASS_IN = 1;
export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

const MAX_NAME = 255;
const HEADER = 12;

export interface DnsQuery {
  readonly id: number;
  /** Opcode bits and RD, echoed in the reply. */
  readonly opcode: number;
  readonly recursionDesired: boolean;
  /** The question name as sent (its letter case too: resolvers may check it), without the trailing dot. */
  readonly name: string;
  readonly type: number;
  readonly qclass: number;
}

export type DnsRecord =
  | { readonly name: string; readonly type: typeof TYPE.A; readonly ttl: number; readonly address: string }
  | { readonly name: string; readonly type: typeof TYPE.AAAA; readonly ttl: number; readonly address: string }
  | { readonly name: string; readonly type: typeof TYPE.CNAME; readonly ttl: number; readonly target: string };

/** Reads the question of a query; null when the packet is not one query with one question. */
export function parseQuery(packet: Buffer): DnsQuery | null {
  if (packet.length < HEADER) return null;
  const flags = packet.readUInt16BE(2);
  if (flags & 0x8000) return null; // a response, not a query
  if (packet.readUInt16BE(4) !== 1) return null;
  const labels: string[] = [];
  let offset = HEADER;
  let length = 0;
  for (;;) {
    if (offset >= packet.length) return null;
    const size = packet[offset]!;
    offset += 1;
    if (size === 0) break;
    if (size > 63) return null; // compression pointers have no place in a question
    if (offset + size > packet.length) return null;
    length += size + 1;
    if (length > MAX_NAME) return null;
    labels.push(packet.toString('latin1', offset, offset + size));
    offset += size;
  }
  if (offset + 4 > packet.length) return null;
  return {
    id: packet.readUInt16BE(0),
    opcode: (flags >> 11) & 0x0f,
    recursionDesired: (flags & 0x0100) !== 0,
    name: labels.join('.'),
    type: packet.readUInt16BE(offset),
    qclass: packet.readUInt16BE(offset + 2),
  };
}

/** The query's id when the header is at least readable (to answer FORMERR), else null. */
export function queryId(packet: Buffer): number | null {
  return packet.length >= 2 ? packet.readUInt16BE(0) : null;
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l.length > 0);
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label.slice(0, 63), 'latin1');
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

function encodeIPv4(address: string): Buffer {
  return Buffer.from(address.split('.').map((part) => Number(part) & 0xff));
}

function encodeIPv6(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const words = (s: string) => (s ? s.split(':').map((w) => parseInt(w, 16) & 0xffff) : []);
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const middle = new Array<number>(8 - left.length - right.length).fill(0);
  const all = [...left, ...middle, ...right];
  const out = Buffer.alloc(16);
  all.slice(0, 8).forEach((w, i) => out.writeUInt16BE(w, i * 2));
  return out;
}

function encodeRecord(record: DnsRecord): Buffer {
  const rdata = record.type === TYPE.A ? encodeIPv4(record.address) : record.type === TYPE.AAAA ? encodeIPv6(record.address) : encodeName(record.target);
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(record.type, 0);
  fixed.writeUInt16BE(CLASS_IN, 2);
  fixed.writeUInt32BE(record.ttl, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([encodeName(record.name), fixed, rdata]);
}

/** A reply to `query`: the question echoed, `answers` in order, authoritative, recursion "available". */
export function encodeReply(query: DnsQuery, rcode: number, answers: readonly DnsRecord[]): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt16BE(query.id, 0);
  const flags = 0x8000 | (query.opcode << 11) | 0x0400 | (query.recursionDesired ? 0x0100 : 0) | 0x0080 | (rcode & 0x0f);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  const question = Buffer.alloc(4);
  question.writeUInt16BE(query.type, 0);
  question.writeUInt16BE(query.qclass, 2);
  return Buffer.concat([header, encodeName(query.name), question, ...answers.map(encodeRecord)]);
}

/** FORMERR for a packet whose question could not be read (header only, no question). */
export function encodeFormatError(id: number): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x8000 | RCODE.FORMERR, 2);
  return header;
}
