// Audit forwarding against the sandbox's real syslog collector (RFC 5425 over TLS, the sandbox CA): records
// arrive in order; while the collector is down they queue (the trail is the queue) and the status says so in
// words; when it comes back each arrives exactly once (counted by seq at the collector); a restart of
// Airlock while it is down loses nothing (the cursor is durable in the trail). Time for backoff and the
// settle period moves only when the test says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createForwarder, type AuditTrail, type Forwarder, type ForwardingTarget } from '../../../../electron/services/audit';
import { createMemoryKeychain, type MemoryKeychain } from '../../../../electron/services/vault';
import { startSyslogReceiver, type SyslogReceiver } from '../../../../sandbox/syslog';
import { createTestContext, type TestContext } from '../../../support/sandbox/test-context';
import { fill, openTrail, tempFolder } from '../audit-fixtures';
import { countBySeq, createManualTime, seqsOf, statusWhere, type ManualTime } from './forwarding-fixtures';

const TIMING = { settleMs: 1_000, stallMs: 60_000, pollMs: 30_000, backoffFirstMs: 2_000, backoffMaxMs: 8_000, batch: 7 };

let ctx: TestContext;
let receiver: SyslogReceiver;
let folder: ReturnType<typeof tempFolder>;
let keychain: MemoryKeychain;
let trail: AuditTrail;
let time: ManualTime;
let forwarder: Forwarder | null = null;

beforeEach(async () => {
  ctx = await createTestContext();
  receiver = await startSyslogReceiver(ctx);
  folder = tempFolder();
  keychain = createMemoryKeychain();
  trail = await openTrail(folder.file, keychain);
  time = createManualTime();
});
afterEach(async () => {
  await forwarder?.close();
  forwarder = null;
  await trail.close();
  await receiver.stop();
  folder.remove();
});

const target = (format: 'cef' | 'json' = 'json'): ForwardingTarget => ({ host: 'localhost', port: receiver.port, format, caCertPath: ctx.ca.certPath });
const start = (onTrail: AuditTrail = trail) => {
  forwarder = createForwarder({ trail: onTrail, scheduler: time.scheduler, hostname: 'test-host', timing: TIMING });
  return forwarder;
};

/** Lets the settle period pass until everything sent is confirmed, and the collector has read up to the last record. */
async function settleAll(f: Forwarder): Promise<void> {
  const last = trail.status().lastSeq;
  await statusWhere(f, (s) => s.sent === last);
  time.advance(TIMING.settleMs);
  await statusWhere(f, (s) => s.delivered === last && s.queued === 0);
  await receiver.waitFor((r) => seqsOf(r).includes(last));
}

describe('audit forwarding to the sandbox collector', () => {
  it('streams every record in order, CEF or JSON, and says it is connected with nothing queued', async () => {
    await fill(trail, 30);
    const f = start();
    f.configure(target('cef'));
    const last = trail.status().lastSeq;
    await receiver.waitFor((r) => r.length === last);
    expect(seqsOf(receiver.received())).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(receiver.received().every((r) => r.message.msg.startsWith('CEF:0|Airlock|') && r.message.hostname === 'test-host')).toBe(true);
    await settleAll(f);
    expect(f.status()).toMatchObject({ state: 'connected', queued: 0, lastError: null, target: { host: 'localhost', port: receiver.port, format: 'cef' } });
    expect(f.status().words).toMatch(/^Forwarding to localhost:\d+ \(CEF\): connected/);

    await fill(trail, 5, 100);
    f.notify();
    await receiver.waitFor((r) => r.length === last + 5);
    expect(seqsOf(receiver.received())).toEqual(Array.from({ length: last + 5 }, (_, i) => i + 1));
  });

  it('stops when the policy turns forwarding off; on again, it goes on after the last delivered record', async () => {
    await fill(trail, 6);
    const f = start();
    f.configure(target());
    await settleAll(f);
    const delivered = trail.status().lastSeq;

    f.configure(null);
    expect(f.status()).toMatchObject({ state: 'off', target: null, queued: 0, lastError: null });
    expect(f.status().words).toBe('Audit records are not forwarded (no forwarding policy).');
    await fill(trail, 4, 6);
    f.notify();
    time.advance(TIMING.pollMs + TIMING.backoffMaxMs);
    await statusWhere(f, (s) => s.state === 'off');
    expect(time.pending()).toBe(0); // nothing scheduled while off

    f.configure(target('cef')); // the same collector in another format: its cursor goes on
    expect(f.status()).toMatchObject({ delivered, queued: trail.status().lastSeq - delivered });
    await settleAll(f);
    expect(seqsOf(receiver.received())).toEqual(Array.from({ length: trail.status().lastSeq }, (_, i) => i + 1));
    expect(receiver.received().slice(delivered).every((r) => r.message.msg.startsWith('CEF:0|'))).toBe(true);
    expect(receiver.airlockRecords()).toEqual({ unique: trail.status().lastSeq, repeats: 0, conflicts: 0 });
  });

  it('queues while the collector is down and delivers each record exactly once when it is back', async () => {
    await fill(trail, 10);
    const f = start();
    f.configure(target());
    await settleAll(f);
    const before = trail.status().lastSeq;

    await receiver.simulateOutage();
    const down = await statusWhere(f, (s) => s.state === 'waiting');
    expect(down.lastError?.message).toMatch(/closed the connection/);
    await fill(trail, 20, 10);
    f.notify();
    time.advance(TIMING.backoffMaxMs); // a reconnect that is refused
    const refused = await statusWhere(f, (s) => s.lastError?.code === 'E_UNAVAILABLE' && /refused/.test(s.lastError.message));
    expect(refused.queued).toBe(trail.status().lastSeq - before);
    expect(refused.words).toMatch(/waiting/);
    expect(receiver.received()).toHaveLength(before);

    await receiver.endOutage();
    time.advance(TIMING.backoffMaxMs);
    await settleAll(f);
    const counts = countBySeq(receiver.received());
    expect([...counts.keys()]).toEqual(Array.from({ length: trail.status().lastSeq }, (_, i) => i + 1));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(receiver.airlockRecords()).toEqual({ unique: trail.status().lastSeq, repeats: 0, conflicts: 0 });
  });

  it('a new format for the same collector right after a batch settled sends nothing again', async () => {
    await fill(trail, 8);
    const f = start();
    f.configure(target('json'));
    const last = trail.status().lastSeq;
    await statusWhere(f, (s) => s.sent === last);
    await receiver.waitFor((r) => r.length === last);
    time.advance(TIMING.settleMs); // settles; the cursor is still being written
    f.configure(target('cef'));
    expect(f.status().delivered).toBe(last);
    await fill(trail, 2, 8);
    f.notify();
    await settleAll(f);
    expect(receiver.airlockRecords()).toEqual({ unique: last + 2, repeats: 0, conflicts: 0 });
  });

  it('closing right after a send (Airlock or a CLI command exiting) ends the connection cleanly: once the collector closed its side, the records count as delivered', async () => {
    await fill(trail, 6);
    let f = start();
    f.configure(target());
    const last = trail.status().lastSeq;
    await statusWhere(f, (s) => s.sent === last);
    await receiver.waitFor((r) => r.length === last);
    expect(f.status().delivered).toBe(0); // the settle period has not passed
    await f.close();

    f = start();
    f.configure(target());
    expect(f.status()).toMatchObject({ delivered: last, queued: 0 });
    await fill(trail, 3, 6);
    f.notify();
    await settleAll(f);
    expect(receiver.airlockRecords()).toEqual({ unique: last + 3, repeats: 0, conflicts: 0 });
  });

  it('keeps the queue across a restart of Airlock while the collector is down (durable cursor)', async () => {
    await fill(trail, 12);
    let f = start();
    f.configure(target());
    await settleAll(f);
    const delivered = trail.status().lastSeq;
    await receiver.simulateOutage();
    await statusWhere(f, (s) => s.state === 'waiting');
    await fill(trail, 9, 12);
    await f.close();
    await trail.close();

    trail = await openTrail(folder.file, keychain);
    f = start(trail);
    f.configure(target());
    expect(f.status().delivered).toBe(delivered);
    expect(f.status().queued).toBe(trail.status().lastSeq - delivered);
    await receiver.endOutage();
    time.advance(TIMING.backoffMaxMs);
    await settleAll(f);
    const counts = countBySeq(receiver.received());
    expect([...counts.keys()]).toEqual(Array.from({ length: trail.status().lastSeq }, (_, i) => i + 1));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(receiver.airlockRecords()).toEqual({ unique: trail.status().lastSeq, repeats: 0, conflicts: 0 });
  });

  it('sends a record again when the connection broke before it settled, with the same seq and hash', async () => {
    await fill(trail, 4);
    const f = start();
    f.configure(target());
    const last = trail.status().lastSeq;
    await statusWhere(f, (s) => s.sent === last);
    await receiver.waitFor((r) => r.length === last);
    await receiver.simulateOutage(); // before the settle period passed: nothing is confirmed
    await statusWhere(f, (s) => s.state === 'waiting');
    expect(f.status().delivered).toBe(0);
    await receiver.endOutage();
    time.advance(TIMING.backoffMaxMs);
    await settleAll(f);
    await receiver.waitFor((r) => r.length === 2 * last);
    const counts = countBySeq(receiver.received());
    expect([...counts.values()].every((n) => n === 2)).toBe(true);
    const hashes = new Map<number, Set<string>>();
    for (const r of receiver.received()) {
      const sd = r.message.structuredData['airlock@32473']!;
      (hashes.get(Number(sd.seq)) ?? hashes.set(Number(sd.seq), new Set()).get(Number(sd.seq))!).add(sd.hash!);
    }
    expect([...hashes.values()].every((h) => h.size === 1)).toBe(true);
    expect(receiver.airlockRecords()).toEqual({ unique: last, repeats: last, conflicts: 0 }); // the collector drops the repeats
  });
});
