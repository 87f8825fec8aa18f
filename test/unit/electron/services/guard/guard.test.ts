// The guard on one call: context → decision → decision record → handler → outcome record. Fakes stand in for
// the policy decision point and the audit trail (in this file), so each path is shown on its own.
import { describe, expect, it } from 'vitest';
import { failed, ok, type IpcResult } from '../../../../../shared/contract/result';
import { AirlockError, errorShape } from '../../../../../shared/errors/airlock-error';
import { detailsFit } from '../../../../../shared/errors/details';
import { createGuard, type AuditEvent, type GuardDecision, type GuardedCall, type RequestContext } from '../../../../../electron/services/guard';
import { capturingLogger, fixedClock } from '../../../../support/test-airlock';

const ALLOW: GuardDecision = { effect: 'allow', rule: 'browse', reason: "Rule 'browse' allows workspace reads.", auditRequired: false };
const DENY: GuardDecision = { effect: 'deny', rule: 'office-hours', reason: 'Workspaces can be read only on weekdays 08:00-18:00 Europe/Berlin.', auditRequired: false };

const CONTEXT: Omit<RequestContext, 'channel' | 'resource' | 'host'> = {
  correlationId: '0b3f5a0e-1c1d-4c47-8d8e-3c9b7f1e2a10',
  account: { accountId: 'oid.tid', username: 'dana@contoso.test', tenantId: 'tid', environmentId: 'Sandbox' },
  environmentId: 'Sandbox',
  mfa: { amr: ['pwd', 'mfa'], acrs: [], satisfied: true },
  machine: { addresses: ['10.1.2.3'] },
  route: 'none',
  time: new Date('2026-11-23T12:00:00Z'),
};

function setup(options: { decision?: GuardDecision | (() => GuardDecision); appendFails?: 'always' | 'outcome' } = {}) {
  const logger = capturingLogger();
  const clock = fixedClock();
  const records: AuditEvent[] = [];
  const decided: RequestContext[] = [];
  const guard = createGuard({
    context: async (call) => ({ ...CONTEXT, ...call }),
    policy: {
      decide(ctx) {
        decided.push(ctx);
        const d = options.decision ?? ALLOW;
        return typeof d === 'function' ? d() : d;
      },
    },
    audit: {
      async append(event) {
        if (options.appendFails === 'always' || (options.appendFails === 'outcome' && event.kind === 'outcome')) throw new AirlockError('E_AUDIT_UNAVAILABLE');
        records.push(event);
        return { seq: records.length };
      },
    },
    clock,
    logger,
  });
  const calls: RequestContext[] = [];
  const perform = (result: IpcResult<unknown> = ok({ fine: true })) => async (ctx: RequestContext) => {
    calls.push(ctx);
    clock.advance(12);
    return result;
  };
  const run = (handler = perform()) => guard.run({ channel: 'workspace.models', resource: { type: 'workspace', id: 'ws-1' }, host: 'test' }, handler);
  return { guard, run, perform, records, decided, calls, logger };
}

describe('guard', () => {
  it('asks the policy with the full context, records the decision, runs the handler with it, records the outcome', async () => {
    const { run, records, decided, calls } = setup();
    expect(await run()).toEqual({ ok: true, value: { fine: true } });
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({ channel: 'workspace.models', resource: { type: 'workspace', id: 'ws-1' }, host: 'test', account: { accountId: 'oid.tid' } });
    expect(calls).toEqual(decided); // the handler gets the very context that was decided on
    expect(records).toEqual([
      {
        kind: 'decision',
        correlationId: CONTEXT.correlationId,
        action: 'workspace.models',
        resource: 'workspace:ws-1',
        accountId: 'oid.tid',
        username: 'dana@contoso.test',
        tenantId: 'tid',
        environmentId: 'Sandbox',
        decision: 'allow',
        rule: 'browse',
        reason: ALLOW.reason,
        route: 'none',
        host: 'test',
        addresses: ['10.1.2.3'],
      },
      {
        kind: 'outcome',
        correlationId: CONTEXT.correlationId,
        action: 'workspace.models',
        resource: 'workspace:ws-1',
        accountId: 'oid.tid',
        username: 'dana@contoso.test',
        tenantId: 'tid',
        environmentId: 'Sandbox',
        outcome: 'ok',
        durationMs: 12,
        route: 'none',
        host: 'test',
      },
    ]);
  });

  it('keeps a decision record within the trail\'s bounds: at most 32 addresses, odd characters in ids encoded', async () => {
    const { guard, records } = (() => {
      const recorded: AuditEvent[] = [];
      const many = Array.from({ length: 40 }, (_, i) => `10.0.0.${i + 1}`);
      return {
        records: recorded,
        guard: createGuard({
          context: async (call) => ({ ...CONTEXT, ...call, machine: { addresses: many } }),
          policy: { decide: () => ALLOW },
          audit: { append: async (e) => (recorded.push(e), { seq: recorded.length }) },
          clock: fixedClock(),
          logger: capturingLogger(),
        }),
      };
    })();
    await guard.run({ channel: 'auth.signOut', resource: { type: 'account', id: 'odd id\n%' }, host: 'test' }, async () => ok({}));
    expect(records[0]!.addresses).toHaveLength(32);
    expect(records[0]!.resource).toBe('account:odd%20id%0A%25');
  });

  it('records a failed outcome with its code', async () => {
    const { run, perform, records } = setup();
    expect(await run(perform(failed(errorShape('E_NOT_FOUND'))))).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(records.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'error', errorCode: 'E_NOT_FOUND', durationMs: 12 });
  });

  it('denies with E_POLICY_DENIED naming the rule and its reason; the handler is not called', async () => {
    const { run, records, calls } = setup({ decision: DENY });
    const result = await run();
    expect(calls).toEqual([]);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_POLICY_DENIED', retryable: false, details: { rule: 'office-hours', reason: DENY.reason, source: 'policy' } } });
    const error = (result as { error: { message: string; hint: string; details: unknown } }).error;
    expect(error.message).toContain(DENY.reason);
    expect(error.hint).toContain("'office-hours'");
    expect(detailsFit('E_POLICY_DENIED', error.details)).toBe(true);
    expect(records.map((r) => [r.kind, r.decision ?? r.errorCode])).toEqual([
      ['decision', 'deny'],
      ['outcome', 'E_POLICY_DENIED'],
    ]);
  });

  it('denies by default without a rule: the reason is still named', async () => {
    const { run } = setup({ decision: { effect: 'deny', rule: null, reason: 'No rule allows this action.', auditRequired: true } });
    const result = await run();
    expect(result).toMatchObject({ ok: false, error: { code: 'E_POLICY_DENIED', details: { reason: 'No rule allows this action.', source: 'policy' } } });
    expect((result as { error: { details: object } }).error.details).not.toHaveProperty('rule');
  });

  it('fails closed when the decision point throws', async () => {
    const { run, calls, logger } = setup({ decision: () => { throw new Error('engine exploded'); } });
    expect(await run()).toMatchObject({ ok: false, error: { code: 'E_POLICY_DENIED', details: { source: 'policy' } } });
    expect(calls).toEqual([]);
    expect(logger.entries.some((e) => e.event === 'guard.decide_failed')).toBe(true);
  });

  it('refuses with E_AUDIT_UNAVAILABLE when the decision cannot be recorded and the rule requires audit', async () => {
    const { run, calls } = setup({ decision: { ...ALLOW, auditRequired: true }, appendFails: 'always' });
    expect(await run()).toMatchObject({ ok: false, error: { code: 'E_AUDIT_UNAVAILABLE' } });
    expect(calls).toEqual([]);
  });

  it('logs and goes on when the decision cannot be recorded and the rule does not require audit', async () => {
    const { run, calls, logger } = setup({ decision: { ...ALLOW, auditRequired: false }, appendFails: 'always' });
    expect(await run()).toEqual({ ok: true, value: { fine: true } });
    expect(calls).toHaveLength(1);
    expect(logger.entries.filter((e) => e.event === 'guard.audit_unavailable').map((e) => e.fields)).toEqual([
      { channel: 'workspace.models', kind: 'decision', code: 'E_AUDIT_UNAVAILABLE', required: false },
      { channel: 'workspace.models', kind: 'outcome', code: 'E_AUDIT_UNAVAILABLE', required: false },
    ]);
  });

  it('withholds the result when its outcome cannot be recorded and the rule requires audit', async () => {
    const { run, calls } = setup({ decision: { ...ALLOW, auditRequired: true }, appendFails: 'outcome' });
    const result = await run();
    expect(calls).toHaveLength(1);
    expect(result).toMatchObject({ ok: false, error: { code: 'E_AUDIT_UNAVAILABLE' } });
    expect(JSON.stringify(result)).not.toContain('fine');
  });

  it('never throws: a handler that rejects is an E_INTERNAL outcome', async () => {
    const { run, records } = setup();
    expect(await run(async () => Promise.reject(new Error('raw')))).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(records.at(-1)).toMatchObject({ kind: 'outcome', outcome: 'error', errorCode: 'E_INTERNAL' });
  });

  describe('parts that are still starting (the policy engine and the audit database open asynchronously)', () => {
    const call = { channel: 'app.info', resource: { type: 'app', id: 'airlock' }, host: 'test' } as const;
    const base = { context: async (c: GuardedCall) => ({ ...CONTEXT, ...c }), clock: fixedClock() };

    it('waits for them, then decides and records as usual', async () => {
      const records: AuditEvent[] = [];
      let openPolicy!: (p: { decide: () => GuardDecision }) => void;
      const guard = createGuard({
        ...base,
        logger: capturingLogger(),
        policy: new Promise((resolve) => (openPolicy = resolve)),
        audit: Promise.resolve({ append: async (e: AuditEvent) => (records.push(e), { seq: records.length }) }),
      });
      const pending = guard.run(call, async () => ok('done'));
      openPolicy({ decide: () => ALLOW });
      expect(await pending).toEqual({ ok: true, value: 'done' });
      expect(records.map((r) => r.kind)).toEqual(['decision', 'outcome']);
    });

    it('a policy service that cannot start denies everything (fail closed), in words that say so', async () => {
      const logger = capturingLogger();
      const performed: unknown[] = [];
      const guard = createGuard({ ...base, logger, policy: Promise.reject(new Error('wasm failed')), audit: { append: async () => ({ seq: 1 }) } });
      const result = await guard.run(call, async (ctx) => (performed.push(ctx), ok('done')));
      expect(result).toMatchObject({ ok: false, error: { code: 'E_POLICY_DENIED', details: { source: 'policy' } } });
      expect(performed).toEqual([]);
      expect(logger.entries.some((e) => e.event === 'guard.policy_unavailable')).toBe(true);
    });

    it('an audit trail that cannot open refuses what the policy says must be recorded', async () => {
      const guard = createGuard({ ...base, logger: capturingLogger(), policy: { decide: () => ({ ...ALLOW, auditRequired: true }) }, audit: Promise.reject(new AirlockError('E_AUDIT_UNAVAILABLE')) });
      expect(await guard.run(call, async () => ok('done'))).toMatchObject({ ok: false, error: { code: 'E_AUDIT_UNAVAILABLE' } });
    });
  });
});
