// The composition root forwards the audit trail where the admin policy says: with a machine policy naming the
// sandbox's syslog collector, every guarded call's decision and outcome records arrive there (each append
// nudges the forwarder, no poll needed); audit.status shows the forwarding target and state; a policy change
// that drops `forwarding` stops it and one that names the collector again goes on after the last delivered
// record; without a forwarding policy audit.status says null. Real policy service, real SQLite trail, real
// TLS socket. Waits on events only (the forwarder's timers are the system scheduler's, never awaited here).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Airlock } from '../../../electron/services';
import { createTextPolicySource, type PolicySource } from '../../../electron/services/policy';
import { startSyslogReceiver, type SyslogReceiver } from '../../../sandbox/syslog';
import { createTestContext, type TestContext } from '../../support/sandbox/test-context';
import { testAirlock, through } from '../../support/test-airlock';

let ctx: TestContext;
let receiver: SyslogReceiver;
let airlock: Airlock | undefined;

beforeEach(async () => {
  ctx = await createTestContext();
  receiver = await startSyslogReceiver(ctx);
});
afterEach(async () => {
  await airlock?.dispose();
  airlock = undefined;
  await receiver.stop();
});

function policyText(forwarding: string | null): string {
  return `version: 1
environments: ["*"]
tenants: ["*"]
${forwarding ? `forwarding: ${forwarding}\n` : ''}rules:
  - id: all
    effect: allow
    actions: ["*"]
`;
}

/** A machine policy file whose text the test changes (then calls the service's reload, as its watcher would). */
function changingPolicy(first: string): PolicySource & { set(text: string): void } {
  let text = first;
  const current = () => createTextPolicySource({ text, format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' });
  return { info: current().info, read: () => current().read(), watch: () => () => undefined, set: (next) => void (text = next) };
}

const toReceiver = (format: 'cef' | 'json') => `{ host: localhost, port: ${receiver.port}, format: ${format}, caCertPath: "${ctx.ca.certPath}" }`;
const seqs = (r: SyslogReceiver) => r.received().map((m) => Number(m.message.structuredData['airlock@32473']?.seq));

describe('audit forwarding in the composition root', () => {
  it("forwards each guarded call's records to the policy's collector and shows it in audit.status", async () => {
    airlock = testAirlock({ guard: { policySource: changingPolicy(policyText(toReceiver('json'))) } });
    const call = through(airlock);
    await call.app.info();
    const trail = await airlock.services.audit!;
    const afterInfo = trail.status().lastSeq;
    await receiver.waitFor(() => seqs(receiver).includes(afterInfo));
    expect(receiver.received().map((r) => JSON.parse(r.message.msg) as { action: string }).filter((r) => r.action === 'app.info')).toHaveLength(2);

    const status = await call.audit.status();
    expect(status.forwarding).toMatchObject({ state: expect.stringMatching(/^(connecting|connected)$/) as unknown, target: `localhost:${receiver.port} (json)` });
    expect(status.forwarding?.words).toMatch(new RegExp(`^Forwarding to localhost:${receiver.port} \\(JSON\\)`));
    const last = trail.status().lastSeq; // audit.status's own decision and outcome
    await receiver.waitFor(() => seqs(receiver).includes(last));
    expect(receiver.airlockRecords()).toMatchObject({ unique: last, conflicts: 0 });
  });

  it('stops when the policy drops forwarding and, named again, goes on after the last delivered record', async () => {
    const source = changingPolicy(policyText(toReceiver('json')));
    airlock = testAirlock({ guard: { policySource: source } });
    const call = through(airlock);
    const policy = await airlock.services.policy!;
    const trail = await airlock.services.audit!;
    await call.app.health();
    await receiver.waitFor(() => seqs(receiver).includes(trail.status().lastSeq));

    source.set(policyText(null));
    await policy.reload();
    expect((await call.audit.status()).forwarding).toBeNull();
    await call.app.info();
    const whileOff = trail.status().lastSeq;
    expect(Math.max(...seqs(receiver))).toBeLessThan(whileOff);

    source.set(policyText(toReceiver('cef')));
    await policy.reload();
    await call.app.info();
    const last = trail.status().lastSeq;
    await receiver.waitFor(() => seqs(receiver).includes(last));
    // Records written while forwarding was off are sent too (the trail is the queue); nothing is lost.
    await vi.waitFor(() => expect(new Set(seqs(receiver))).toEqual(new Set(Array.from({ length: last }, (_, i) => i + 1))), { timeout: 30_000, interval: 50 });
    expect(receiver.airlockRecords().conflicts).toBe(0);
    expect(receiver.received().at(-1)?.message.msg).toMatch(/^CEF:0\|/);
  });

  it('forwards nothing and shows null without a forwarding policy', async () => {
    airlock = testAirlock({ guard: { policySource: changingPolicy(policyText(null)) } });
    const call = through(airlock);
    await call.app.info();
    expect((await call.audit.status()).forwarding).toBeNull();
    expect(receiver.received()).toEqual([]);
  });
});
