// endpoint.score behind the guard with the history recording around it (history-handlers.ts): the result comes
// back with its historyId, history.get gives the payload back to the same account, and the call's outcome
// audit record carries the request's SHA-256 and size and the response's status and size — never a body or
// a token. History failing never fails the score. The guard and the audit trail's schema are the real ones;
// the score handler is a fake (the whole-sandbox test drives the real one).
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, type IpcResult } from '../../../../../shared/contract/result';
import { contract } from '../../../../../shared/contract/contract';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { historyHandlers, recordingScore } from '../../../../../electron/services/composition/history-handlers';
import { createGuard, type AuditEvent, type GuardDecision, type RequestContext } from '../../../../../electron/services/guard';
import type { HandlerOf } from '../../../../../electron/services/gateway';
import type { HistoryService } from '../../../../../electron/services/history';
import { scrubEvent } from '../../../../../electron/services/audit/event-scrub';
import { canonicalBody, GENESIS } from '../../../../../electron/services/audit/canonical';
import { capturingLogger, fixedClock } from '../../../../support/test-airlock';
import { historyRig, resultView, WS } from '../history/history-fixture';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.PLANTEDTOKENMARKER.sig';
const PAYLOAD = JSON.stringify({ input_data: ['PLANTEDPAYLOADMARKER'] });
const ANSWER = JSON.stringify({ predictions: ['PLANTEDANSWERMARKER'] });
const ALLOW: GuardDecision = { effect: 'allow', rule: 'invoke', reason: 'allowed', auditRequired: true };
const BOB = { accountId: 'bob-oid.tid', username: 'bob@contoso.test', tenantId: 'tid', environmentId: 'Sandbox' };

let services: HistoryService[] = [];
afterEach(() => {
  for (const s of services) s.dispose();
  services = [];
});

function setup(options: { account?: typeof BOB | null; score?: HandlerOf<'endpoint.score'>; history?: Pick<HistoryService, 'record'> } = {}) {
  const rig = historyRig();
  services.push(rig.history);
  const records: AuditEvent[] = [];
  const logger = capturingLogger();
  const account = options.account === undefined ? BOB : options.account;
  const guard = createGuard({
    context: async (call) => ({
      ...call,
      correlationId: '0b3f5a0e-1c1d-4c47-8d8e-3c9b7f1e2a10',
      account,
      environmentId: 'Sandbox',
      mfa: { amr: ['pwd', 'mfa'], acrs: [], satisfied: true },
      machine: { addresses: [] },
      route: 'vpn',
      time: new Date('2026-12-01T08:00:00Z'),
    }),
    policy: { decide: () => ALLOW },
    audit: {
      async append(event) {
        records.push(event);
        return { seq: records.length };
      },
    },
    clock: fixedClock(),
    logger,
  });
  const scoreAnswer: HandlerOf<'endpoint.score'> = options.score ?? (async () => resultView({ body: ANSWER, bodyBytes: Buffer.byteLength(ANSWER), status: 200 }));
  const score = recordingScore(scoreAnswer, options.history ?? rig.history, logger);
  const history = historyHandlers({ history: rig.history });
  // As the gateway does: input parsed by the contract, handler under the guard, output checked by the contract.
  const call = async <C extends 'endpoint.score' | 'history.get' | 'history.list'>(channel: C, input: unknown, handler: (input: never, ctx: RequestContext) => Promise<unknown>): Promise<IpcResult<unknown>> => {
    const parsed = contract[channel].input.parse(input);
    return guard.run({ channel, resource: { type: 'endpoint', id: `${WS}/onlineEndpoints/credit-ep` }, host: 'test' }, async (ctx) => {
      try {
        return ok(contract[channel].output.parse(await handler(parsed as never, ctx)));
      } catch (thrown) {
        return { ok: false, error: (thrown instanceof AirlockError ? thrown : new AirlockError('E_INTERNAL')).toShape() };
      }
    });
  };
  return { call, score, history, records, logger, rig };
}

describe('endpoint.score recorded (guard + history)', () => {
  it('returns a historyId; history.get gives the payload and the result back; the outcome record has hashes and sizes only', async () => {
    const { call, score, history, records, logger } = setup();
    const scored = await call('endpoint.score', { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD }, score);
    expect(scored).toMatchObject({ ok: true, value: { status: 200, historyId: expect.stringMatching(/^h[A-Za-z0-9_-]{22}$/) as unknown } });
    const historyId = (scored as { value: { historyId: string } }).value.historyId;

    const entry = await call('history.get', { id: historyId }, history.get);
    expect(entry).toMatchObject({ ok: true, value: { payload: PAYLOAD, result: { body: ANSWER, historyId }, summary: { id: historyId, status: 200 } } });
    const list = await call('history.list', {}, history.list);
    expect(list).toMatchObject({ ok: true, value: { keeping: true, entries: [{ id: historyId, requestSha256: createHash('sha256').update(PAYLOAD).digest('hex') }] } });

    const outcome = records.find((r) => r.kind === 'outcome' && r.action === 'endpoint.score')!;
    expect(outcome).toMatchObject({
      outcome: 'ok',
      payload: { sha256: createHash('sha256').update(PAYLOAD).digest('hex'), bytes: Buffer.byteLength(PAYLOAD) },
      response: { status: 200, bytes: Buffer.byteLength(ANSWER) },
    });
    // The decision record has none (facts are the outcome's), and the trail's own schema takes the outcome as is.
    expect(records.find((r) => r.kind === 'decision' && r.action === 'endpoint.score')).not.toHaveProperty('payload');
    const stored = scrubEvent(outcome)!;
    expect(stored).toMatchObject({ payload: outcome.payload, response: outcome.response });
    expect(canonicalBody(GENESIS, { seq: 1, epoch: 1, time: '2026-12-01T08:00:00.000Z', event: stored })).toContain(`,"payload":{"sha256":"${outcome.payload!.sha256}","bytes":${outcome.payload!.bytes}},"response":{"status":200,"bytes":${outcome.response!.bytes}}}`);

    const everything = JSON.stringify(records) + JSON.stringify(logger.entries);
    for (const marker of ['PLANTEDPAYLOADMARKER', 'PLANTEDANSWERMARKER', 'PLANTEDTOKENMARKER']) expect(everything).not.toContain(marker);
  });

  it('a refused payload (the score handler throws): the outcome record still has the request hash and size, no response, no history', async () => {
    const refused: HandlerOf<'endpoint.score'> = async () => {
      throw new AirlockError('E_PAYLOAD_TOO_LARGE', { message: 'too large' });
    };
    const { call, score, records, rig } = setup({ score: refused });
    const scored = await call('endpoint.score', { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD }, score);
    expect(scored).toMatchObject({ ok: false, error: { code: 'E_PAYLOAD_TOO_LARGE' } });
    const outcome = records.find((r) => r.kind === 'outcome')!;
    expect(outcome).toMatchObject({ outcome: 'error', errorCode: 'E_PAYLOAD_TOO_LARGE', payload: { bytes: Buffer.byteLength(PAYLOAD) } });
    expect(outcome).not.toHaveProperty('response');
    expect((await rig.history.list({ accountId: BOB.accountId, environmentId: 'Sandbox' }, { limit: 10 })).entries).toEqual([]);
  });

  it('history failing never fails the score: historyId null, logged without content', async () => {
    const broken = { record: async () => Promise.reject(new TypeError(`disk said ${TOKEN} ${PAYLOAD}`)) };
    const { call, score, logger } = setup({ history: broken });
    const scored = await call('endpoint.score', { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD }, score);
    expect(scored).toMatchObject({ ok: true, value: { status: 200, body: ANSWER, historyId: null } });
    expect(logger.entries).toContainEqual(expect.objectContaining({ event: 'history.record_failed', fields: { kind: 'TypeError' } }));
    expect(JSON.stringify(logger.entries)).not.toMatch(/PLANTED/);
  });

  it('nobody signed in: the score is not kept (historyId null)', async () => {
    const { call, score } = setup({ account: null });
    expect(await call('endpoint.score', { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD }, score)).toMatchObject({ ok: true, value: { historyId: null } });
  });

  it('facts that do not fit (not a hex digest, a fraction, a status out of range) are left out of the record, never refusing it', async () => {
    const sloppy: HandlerOf<'endpoint.score'> = async (_input, ctx) => {
      ctx.attachOutcomeFacts?.({ payload: { sha256: PAYLOAD, bytes: 1.5 }, response: { status: 42, bytes: -1 } });
      return resultView();
    };
    const { call, records } = setup();
    expect(await call('endpoint.score', { workspaceId: WS, endpointName: 'credit-ep', payload: PAYLOAD }, sloppy)).toMatchObject({ ok: true });
    const outcome = records.find((r) => r.kind === 'outcome')!;
    expect(outcome).toMatchObject({ outcome: 'ok' });
    expect(outcome).not.toHaveProperty('payload');
    expect(outcome).not.toHaveProperty('response');
  });
});
