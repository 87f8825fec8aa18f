// The sandbox's syslog-over-TLS receiver (RFC 5425) on a real socket: octet-counted RFC 5424 messages in any
// chunking, messages it cannot read recorded as problems (a broken frame closes the connection, as RFC 5425
// leaves no way to resynchronise), an outage that refuses connections on the same port until it ends, and
// the record of what arrived, in process and in <stateDir>/syslog/received.jsonl. Loopback only.
import { readFile } from 'node:fs/promises';
import { connect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyslogReceiver, type SyslogReceiver } from '../../../../sandbox/syslog';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';

let ctx: TestContext;
let receiver: SyslogReceiver;

beforeAll(async () => {
  ctx = await createTestContext();
  receiver = await startSyslogReceiver(ctx);
});
afterAll(async () => {
  await receiver.stop();
});

const frame = (text: string) => `${Buffer.byteLength(text)} ${text}`;
const message = (seq: number, msg = `hello ${seq}`) => `<110>1 2026-05-01T08:00:00.000Z laptop airlock - outcome [airlock@32473 seq="${seq}"] ${msg}`;

function open(): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: receiver.host, port: receiver.port, ca: ctx.ca.certPem }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function closed(socket: TLSSocket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

const seqs = () => receiver.received().map((r) => Number(r.message.structuredData['airlock@32473']?.seq));

describe('sandbox syslog receiver', () => {
  it('listens on loopback with a sandbox-CA certificate for localhost', () => {
    expect(receiver.host).toBe('localhost');
    expect(receiver.address).toBe('127.0.0.1');
    expect(receiver.caCertPath).toBe(ctx.ca.certPath);
  });

  it('receives octet-counted messages packed together and cut across writes, in order, per connection', async () => {
    receiver.clear();
    const socket = await open();
    socket.write([1, 2, 3].map((s) => frame(message(s))).join(''));
    const fourth = Buffer.from(frame(message(4, 'grüße')));
    socket.write(fourth.subarray(0, 7));
    socket.write(fourth.subarray(7));
    await receiver.waitFor((received) => received.length === 4);
    expect(seqs()).toEqual([1, 2, 3, 4]);
    expect(receiver.received()[3]?.message.msg).toBe('grüße');
    expect(new Set(receiver.received().map((r) => r.connection)).size).toBe(1);
    socket.end();
    await closed(socket);
  });

  it('records a message it cannot read as a problem and keeps the connection', async () => {
    receiver.clear();
    const socket = await open();
    socket.write(frame('not syslog at all') + frame(message(5)));
    await receiver.waitFor((received) => received.length === 1);
    expect(seqs()).toEqual([5]);
    expect(receiver.problems().at(-1)?.problem).toMatch(/PRI/);
    expect(socket.destroyed).toBe(false);
    socket.end();
    await closed(socket);
  });

  it('closes a connection whose framing breaks, and says why', async () => {
    receiver.clear();
    const socket = await open();
    socket.on('error', () => undefined);
    socket.write(`${message(6)}\n`); // non-transparent framing: not RFC 5425
    await closed(socket);
    expect(receiver.received()).toEqual([]);
    expect(receiver.problems().at(-1)?.problem).toMatch(/octet-counted/);
  });

  it('simulates an outage: connections are refused and open ones dropped, then accepted again on the same port', async () => {
    receiver.clear();
    const port = receiver.port;
    const socket = await open();
    socket.on('error', () => undefined);
    await receiver.simulateOutage();
    await closed(socket);
    await expect(open()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await receiver.endOutage();
    expect(receiver.port).toBe(port);
    const again = await open();
    again.write(frame(message(7)));
    await receiver.waitFor((received) => received.length === 1);
    expect(seqs()).toEqual([7]);
    again.end();
    await closed(again);
  });

  it('writes what it received to <stateDir>/syslog/received.jsonl', async () => {
    await receiver.flush();
    const lines = (await readFile(receiver.file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { message?: { structuredData: Record<string, Record<string, string>> }; problem?: string });
    const fileSeqs = lines.flatMap((l) => (l.message ? [Number(l.message.structuredData['airlock@32473']?.seq)] : []));
    expect(fileSeqs).toEqual([1, 2, 3, 4, 5, 7]);
    expect(lines.some((l) => l.problem?.includes('octet-counted'))).toBe(true);
  });
});
