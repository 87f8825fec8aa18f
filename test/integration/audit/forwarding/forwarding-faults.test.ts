// Audit forwarding when the collector cannot be trusted or misbehaves, on real TLS sockets: a certificate
// from another CA (named CA file, or the system's store) is refused in plain words and nothing is sent; a
// collector that hangs up mid-frame or floods Airlock with garbage costs a reconnect, never a record and
// never the trail: the trail keeps appending and verifying, and once a sound collector answers on that port
// every record arrives exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createForwarder, type AuditTrail, type Forwarder } from '../../../../electron/services/audit';
import { createMemoryKeychain } from '../../../../electron/services/vault';
import { openCertificateAuthority } from '../../../../sandbox/pki/certificate-authority';
import { startSyslogReceiver, type SyslogReceiver } from '../../../../sandbox/syslog';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { fill, openTrail, tempFolder } from '../audit-fixtures';
import { countBySeq, createManualTime, seqsOf, startHostileCollector, statusWhere, type ManualTime } from './forwarding-fixtures';

const TIMING = { settleMs: 1_000, stallMs: 60_000, pollMs: 30_000, backoffFirstMs: 2_000, backoffMaxMs: 8_000, batch: 50 };

let ctx: TestContext;
let folder: ReturnType<typeof tempFolder>;
let trail: AuditTrail;
let time: ManualTime;
let forwarder: Forwarder | null = null;
const running: { stop(): Promise<void> }[] = [];
const cleanup: string[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
});
beforeEach(async () => {
  folder = tempFolder();
  trail = await openTrail(folder.file, createMemoryKeychain());
  time = createManualTime();
});
afterEach(async () => {
  await forwarder?.close();
  forwarder = null;
  await trail.close();
  for (const part of running.splice(0)) await part.stop();
  folder.remove();
});
afterAll(async () => {
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});

function start(): Forwarder {
  forwarder = createForwarder({ trail, scheduler: time.scheduler, hostname: 'test-host', timing: TIMING });
  return forwarder;
}

async function receiverOn(port?: number): Promise<SyslogReceiver> {
  const receiver = await startSyslogReceiver(ctx, port === undefined ? {} : { port });
  running.push(receiver);
  return receiver;
}

describe('audit forwarding refuses a collector it cannot verify', () => {
  it('a certificate from another CA than the policy’s CA file: refused in words, nothing sent', async () => {
    const receiver = await receiverOn();
    const otherDir = await mkdtemp(path.join(tmpdir(), 'airlock-other-ca-'));
    cleanup.push(otherDir, ctx.stateDir);
    const other = await openCertificateAuthority(otherDir);
    await fill(trail, 5);
    const f = start();
    f.configure({ host: 'localhost', port: receiver.port, format: 'cef', caCertPath: other.certPath });
    const refused = await statusWhere(f, (s) => s.lastError !== null);
    expect(refused.lastError).toMatchObject({ code: 'E_TLS' });
    expect(refused.lastError?.message).toBe(`The audit collector localhost:${receiver.port} presented a certificate that is not signed by the CA in ${other.certPath}, so Airlock sent it nothing.`);
    expect(refused.state).toBe('waiting');
    expect(refused.queued).toBe(trail.status().lastSeq);
    await receiver.waitFor(() => receiver.problems().length > 0 || receiver.received().length > 0);
    expect(receiver.received()).toEqual([]);
  });

  it('without a CA file, the system’s trusted authorities: the sandbox CA is not among them', async () => {
    const receiver = await receiverOn();
    await fill(trail, 3);
    const f = start();
    f.configure({ host: 'localhost', port: receiver.port, format: 'json' });
    const refused = await statusWhere(f, (s) => s.lastError !== null);
    expect(refused.lastError?.code).toBe('E_TLS');
    expect(refused.lastError?.message).toMatch(/not signed by the system's trusted certificate authorities, so Airlock sent it nothing/);
    expect(receiver.received()).toEqual([]);
  });

  it('a CA file that cannot be read: said in words, naming the file', async () => {
    const receiver = await receiverOn();
    const f = start();
    f.configure({ host: 'localhost', port: receiver.port, format: 'json', caCertPath: path.join(folder.dir, 'missing-ca.pem') });
    const refused = await statusWhere(f, (s) => s.lastError !== null);
    expect(refused.lastError).toMatchObject({ code: 'E_CONFIG_INVALID' });
    expect(refused.lastError?.message).toContain('missing-ca.pem) could not be read');
  });
});

describe('a hostile collector does not break the trail', () => {
  it.each([
    ['hangs up in the middle of a frame', { closeAfterBytes: 100 }, /closed the connection/],
    ['floods Airlock with garbage', { garbageBytes: 256 * 1024 }, /sent data back/],
  ] as const)('a collector that %s: the trail goes on, then a sound collector on that port gets every record once', async (_what, behaviour, words) => {
    const hostile = await startHostileCollector(ctx.ca, behaviour);
    await fill(trail, 120);
    const f = start();
    f.configure({ host: 'localhost', port: hostile.port, format: 'cef', caCertPath: ctx.ca.certPath });
    await hostile.misbehaved;
    const failed = await statusWhere(f, (s) => s.state === 'waiting');
    expect(failed.lastError?.message).toMatch(words);
    expect(failed.delivered).toBe(0);

    await fill(trail, 30, 120); // the trail keeps recording
    expect((await trail.verify()).result).toBe('intact');

    await hostile.close();
    const receiver = await receiverOn(hostile.port);
    time.advance(TIMING.backoffMaxMs);
    const last = trail.status().lastSeq;
    await statusWhere(f, (s) => s.sent === last);
    time.advance(TIMING.settleMs);
    await statusWhere(f, (s) => s.delivered === last && s.lastError === null);
    await receiver.waitFor((r) => seqsOf(r).includes(last));
    const counts = countBySeq(receiver.received());
    expect([...counts.keys()]).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});

/** A TCP server that accepts and never speaks TLS: a connection to it stays "being made". */
async function silentServer(): Promise<{ port: number; sockets: Set<Socket>; closed: () => number }> {
  const sockets = new Set<Socket>();
  let closed = 0;
  const silent = createServer((socket) => {
    sockets.add(socket);
    socket.resume(); // reads the client hello and ignores it (a paused socket would not notice the client leave)
    socket.once('close', () => (closed += 1));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  running.push({ stop: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), silent.close(() => resolve()))) });
  const address = silent.address();
  return { port: typeof address === 'object' && address ? address.port : 0, sockets, closed: () => closed };
}

/** Real sockets and TLS on a busy 2-core machine: vi.waitFor's 1 s default is not enough. */
const SOCKETS = { timeout: 30_000, interval: 20 };

describe('a collector that never completes a connection', () => {
  it('closing the forwarder (Airlock or the CLI exiting, or a policy change) drops a connection still being made', async () => {
    const { port, sockets, closed } = await silentServer();
    await fill(trail, 2);
    const f = start();
    f.configure({ host: 'localhost', port, format: 'json', caCertPath: ctx.ca.certPath });
    await vi.waitFor(() => expect(sockets.size).toBe(1), SOCKETS);
    f.configure({ host: 'localhost', port, format: 'cef', caCertPath: ctx.ca.certPath }); // the policy changed
    await vi.waitFor(() => expect(closed()).toBe(1), SOCKETS);
    await vi.waitFor(() => expect(sockets.size).toBe(2), SOCKETS);
    await f.close();
    await vi.waitFor(() => expect(closed()).toBe(2), SOCKETS);
  });

  it('gives the connection up after the stall period (scheduler time), says so, and tries again later', async () => {
    const { port, sockets } = await silentServer();
    await fill(trail, 3);
    const f = start();
    f.configure({ host: 'localhost', port, format: 'json', caCertPath: ctx.ca.certPath });
    await vi.waitFor(() => expect(sockets.size).toBe(1), SOCKETS);
    await vi.waitFor(() => expect(time.pending()).toBe(1), SOCKETS); // the stall timer, nothing else
    expect(f.status()).toMatchObject({ state: 'connecting', lastError: null });
    time.advance(TIMING.stallMs);
    const stalled = await statusWhere(f, (s) => s.state === 'waiting');
    expect(stalled.lastError).toMatchObject({ code: 'E_TIMEOUT', message: `The audit collector localhost:${port} did not complete a connection in time.` });
    expect(stalled.queued).toBe(trail.status().lastSeq);
    expect(time.pending()).toBe(1); // the retry
  });
});
