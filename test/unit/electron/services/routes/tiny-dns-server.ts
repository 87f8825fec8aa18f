// A tiny DNS server for the resolver tests (UDP on 127.0.0.1 only): A, AAAA and CNAME from a table, NXDOMAIN for
// names not in it, and "silent" names it never answers (a resolver that times out). Enough of RFC 1035 for
// c-ares; no compression, one question per query. The sandbox has the full one; this keeps unit tests alone.
import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';

export interface TinyRecord {
  readonly cname?: string;
  readonly a?: readonly string[];
  readonly aaaa?: readonly string[];
}

export interface TinyDnsServer {
  readonly port: number;
  readonly queries: string[];
  close(): Promise<void>;
}

const encodeName = (name: string) => Buffer.concat([...name.split('.').filter(Boolean).map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])), Buffer.from([0])]);

function rr(name: string, type: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2);
  fixed.writeUInt32BE(60, 4);
  fixed.writeUInt16BE(rdata.length, 8);
  return Buffer.concat([encodeName(name), fixed, rdata]);
}

const v4 = (a: string) => Buffer.from(a.split('.').map(Number));
function v6(a: string): Buffer {
  const [head = '', tail = ''] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

export async function startTinyDnsServer(records: Record<string, TinyRecord>, silent: readonly string[] = []): Promise<TinyDnsServer> {
  const udp = createSocket('udp4');
  const queries: string[] = [];
  udp.on('message', (msg, from) => {
    let offset = 12;
    const labels: string[] = [];
    while (msg[offset]! > 0) {
      labels.push(msg.subarray(offset + 1, offset + 1 + msg[offset]!).toString());
      offset += msg[offset]! + 1;
    }
    const qname = labels.join('.').toLowerCase();
    const qtype = msg.readUInt16BE(offset + 1);
    const question = msg.subarray(12, offset + 5);
    queries.push(`${qname}/${qtype}`);
    if (silent.includes(qname)) return;
    const answers: Buffer[] = [];
    let name = qname;
    const rcode = records[name] ? 0 : 3;
    for (let hops = 0; rcode === 0 && hops < 10; hops++) {
      const record = records[name];
      if (!record) break;
      if (record.cname) {
        answers.push(rr(name, 5, encodeName(record.cname)));
        if (qtype === 5) break;
        name = record.cname;
        continue;
      }
      if (qtype === 1) for (const a of record.a ?? []) if (isIPv4(a)) answers.push(rr(name, 1, v4(a)));
      if (qtype === 28) for (const a of record.aaaa ?? []) answers.push(rr(name, 28, v6(a)));
      break;
    }
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(0x8180 | rcode, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    udp.send(Buffer.concat([header, question, ...answers]), from.port, from.address);
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  return { port: udp.address().port, queries, close: () => new Promise<void>((resolve) => udp.close(() => resolve())) };
}
