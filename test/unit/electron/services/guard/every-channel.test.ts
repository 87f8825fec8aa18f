// Every contract channel, through every kind of door (a renderer frame, the CLI's in-process caller), passes
// the guard: one decision asked with the channel's own resource, a decision record and an outcome record that
// share a correlation id — and on a denial the handler is never called. The real composition root, with fakes
// for the policy decision point and the audit trail (this file); real handlers unless a test stubs them.
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, type HandlerReplacements } from '../../../../../electron/services';
import type { AuditEvent, GuardDecision, RequestContext } from '../../../../../electron/services/guard';
import { CHANNELS, channelPath, type Channel } from '../../../../../shared/contract/channels';
import { contract } from '../../../../../shared/contract/contract';
import { resourceName, type ResourceRef } from '../../../../../shared/contract/resource';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { CHANNEL_EXAMPLES } from '../../../../support/channel-examples';
import { BASELINE_ACTIONS, BASELINE_RULE } from '../../../../../electron/services/policy';
import { testAirlock } from '../../../../support/test-airlock';

const MAIN = { url: 'app://bundle/index.html', isMainFrame: true };

function fakes(decision: GuardDecision) {
  const decided: RequestContext[] = [];
  const records: AuditEvent[] = [];
  return {
    decided,
    records,
    guard: {
      policy: { decide: (ctx: RequestContext) => (decided.push(ctx), decision) },
      audit: { append: async (event: AuditEvent) => (records.push(event), { seq: records.length }) },
      addresses: { current: () => ['192.0.2.10'] },
    },
  };
}

const ALLOW: GuardDecision = { effect: 'allow', rule: 'test-allow', reason: 'Allowed by the test.', auditRequired: true };
const DENY: GuardDecision = { effect: 'deny', rule: 'test-deny', reason: 'Denied by the test.', auditRequired: true };

const resourceOf = (channel: Channel): ResourceRef => (contract[channel].resource as (input: unknown) => ResourceRef)(contract[channel].input.parse(CHANNEL_EXAMPLES[channel]));

/** Every handler replaced by one that counts its calls (and answers nothing useful). */
function countingHandlers(): { replacements: HandlerReplacements; calls: string[] } {
  const calls: string[] = [];
  const replacements: Record<string, Record<string, () => Promise<never>>> = {};
  for (const channel of CHANNELS) {
    const { service, method } = channelPath(channel);
    (replacements[service] ??= {})[method] = async () => {
      calls.push(channel);
      throw new AirlockError('E_UNAVAILABLE');
    };
  }
  return { replacements, calls };
}

describe('every channel passes the guard', () => {
  it.each(CHANNELS)('%s: from a renderer frame and from the CLI, one decision and its two records each', async (channel) => {
    const { guard, decided, records } = fakes(ALLOW);
    const airlock = testAirlock({ guard });
    try {
      const doors = [
        ['electron', (p: unknown) => airlock.gateway('electron', APP_ORIGIN).call(channel, p, MAIN)],
        ['cli', (p: unknown) => airlock.inProcess('cli').call(channel, p)],
      ] as const;
      for (const [host, call] of doors) {
        decided.length = 0;
        records.length = 0;
        const result = await call(structuredClone(CHANNEL_EXAMPLES[channel]));
        expect(decided, host).toHaveLength(1);
        expect(decided[0]).toMatchObject({ channel, resource: resourceOf(channel), host, machine: { addresses: ['192.0.2.10'] }, route: 'none' });
        expect(records.map((r) => r.kind)).toEqual(['decision', 'outcome']);
        expect(records.every((r) => r.correlationId === decided[0]!.correlationId && r.action === channel && r.resource === resourceName(resourceOf(channel)))).toBe(true);
        expect(records[0]).toMatchObject({ decision: 'allow', rule: 'test-allow', host });
        // The outcome says what the caller got.
        expect(records[1]).toMatchObject(result.ok ? { outcome: 'ok' } : { outcome: 'error', errorCode: result.error.code });
      }
    } finally {
      await airlock.dispose();
    }
  });

  it.each(CHANNELS)('%s: a denial names the rule and reason, is recorded, and the handler is never called', async (channel) => {
    const { guard, records } = fakes(DENY);
    const { replacements, calls } = countingHandlers();
    const airlock = testAirlock({ guard, replacements });
    try {
      for (const result of [
        await airlock.gateway('electron', APP_ORIGIN).call(channel, structuredClone(CHANNEL_EXAMPLES[channel]), MAIN),
        await airlock.inProcess('cli').call(channel, structuredClone(CHANNEL_EXAMPLES[channel])),
      ]) {
        expect(result).toMatchObject({ ok: false, error: { code: 'E_POLICY_DENIED', details: { rule: 'test-deny', reason: 'Denied by the test.', source: 'policy' } } });
      }
      expect(calls).toEqual([]);
      expect(records.map((r) => [r.kind, r.decision ?? r.errorCode])).toEqual([
        ['decision', 'deny'],
        ['outcome', 'E_POLICY_DENIED'],
        ['decision', 'deny'],
        ['outcome', 'E_POLICY_DENIED'],
      ]);
    } finally {
      await airlock.dispose();
    }
  });

  it('a refused sender, an unknown channel or a bad payload is turned away before the guard (nothing to decide)', async () => {
    const { guard, decided, records } = fakes(ALLOW);
    const airlock = testAirlock({ guard });
    const gateway = airlock.gateway('electron', APP_ORIGIN);
    expect(await gateway.call('app.info', undefined, { url: 'https://evil.example/', isMainFrame: true })).toMatchObject({ error: { code: 'E_FORBIDDEN_SENDER' } });
    expect(await gateway.call('no.such', undefined, MAIN)).toMatchObject({ error: { code: 'E_UNKNOWN_CHANNEL' } });
    expect(await gateway.call('workspace.models', { workspaceId: 42 }, MAIN)).toMatchObject({ error: { code: 'E_BAD_REQUEST' } });
    expect(decided).toEqual([]);
    expect(records).toEqual([]);
    await airlock.dispose();
  });

  it('workspace handlers act as the context account: nobody signed in is E_AUTH_REQUIRED, recorded as the outcome', async () => {
    const { guard, records } = fakes(ALLOW);
    const airlock = testAirlock({ guard });
    expect(await airlock.inProcess('test').call('workspace.list', undefined)).toMatchObject({ ok: false, error: { code: 'E_AUTH_REQUIRED' } });
    expect(records.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'error', errorCode: 'E_AUTH_REQUIRED', accountId: null });
    await airlock.dispose();
  });

  it('with the real policy service (bundled default) and the real audit trail (SQLite): every channel is decided and recorded, and the trail verifies', async () => {
    const airlock = testAirlock();
    try {
      const door = airlock.inProcess('cli');
      const trail = await airlock.services.audit!;
      for (const channel of CHANNELS) {
        const result = await door.call(channel, structuredClone(CHANNEL_EXAMPLES[channel]));
        const { records } = await trail.query({ action: channel }, { limit: 10 });
        const [outcome, decision] = records; // newest first
        expect(decision, channel).toMatchObject({ kind: 'decision', action: channel, decision: 'allow', host: 'cli' });
        // (workspace ids: see the known-failure test below)
        if (channel !== 'workspace.models') expect(decision!.resource, channel).toBe(resourceName(resourceOf(channel)));
        expect(decision!.rule, channel).toBe(BASELINE_ACTIONS.includes(channel) ? BASELINE_RULE : 'unmanaged-allow-all');
        expect(outcome, channel).toMatchObject({ kind: 'outcome', correlationId: decision!.correlationId, ...(result.ok ? { outcome: 'ok' } : { outcome: 'error', errorCode: result.error.code }) });
        expect(outcome!.seq).toBeGreaterThan(decision!.seq);
      }
      expect(await trail.verify()).toMatchObject({ result: 'intact' });
    } finally {
      await airlock.dispose();
    }
   }, 20_000); // one real SQLite append pair per channel (34 channels) on a shared 2-core machine

  // The trail once ran the log redactor over a whole ARM id and stored "workspace:[redacted].[redacted]".
  it('records the workspace a call acted on as given (an ARM resource id)', async () => {
    const airlock = testAirlock();
    try {
      await airlock.inProcess('cli').call('workspace.models', structuredClone(CHANNEL_EXAMPLES['workspace.models']));
      const { records } = await (await airlock.services.audit!).query({ action: 'workspace.models', kind: 'decision' }, { limit: 1 });
      expect(records[0]?.resource).toBe(resourceName(resourceOf('workspace.models')));
    } finally {
      await airlock.dispose();
    }
  });
});
