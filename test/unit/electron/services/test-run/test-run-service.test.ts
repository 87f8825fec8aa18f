// The test-run service on fake time with a fake prepared score: the report adds up (counts, error rate,
// statuses, throughput), progress is pushed at the start, at most once per 250 ms, and at the end; one run at a
// time; cancel and export only for the run's owner and endpoint; the CSV is escaped against formula injection,
// written whole where the host chose (nothing when the user cancelled the dialog); the last 10 reports are kept.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvokeCaller, PreparedScore } from '../../../../../electron/services/invoke';
import { createTestRunService, csvCell, testRunCsv, type TestRunServiceDeps } from '../../../../../electron/services/test-run';
import { TestRunProgress, TestRunReport } from '../../../../../shared/contract/schemas/test-run';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { createFakeTime, type FakeTime } from './fake-time';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';
const ALICE: InvokeCaller = { accountId: 'alice.tid', environmentId: 'Sandbox', dataPlane: () => { throw new Error('not used: prepare is faked'); } };
const BOB: InvokeCaller = { ...ALICE, accountId: 'bob.tid' };
const REQUEST = { workspaceId: WS, endpointName: 'credit-ep', payload: '{"input_data":[[1]]}', count: 40, concurrency: 4 };

function setup(time: FakeTime, options: { latency?: number; status?: (i: number) => number; prepareError?: AirlockError; target?: string | null } = {}) {
  const progress: TestRunProgress[] = [];
  const at: number[] = [];
  const prepared: Array<Record<string, unknown>> = [];
  let n = 0;
  let ids = 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'airlock-test-run-'));
  const named: string[] = [];
  const deps: TestRunServiceDeps = {
    invoke: {
      async prepare(_caller, request) {
        prepared.push({ ...request });
        if (options.prepareError) throw options.prepareError;
        const score: PreparedScore = {
          via: 'jump',
          routeId: 'Sandbox/jump',
          authMode: 'AMLToken',
          send: (signal) =>
            new Promise((resolve, reject) => {
              const i = n++;
              const task = time.scheduler.schedule(options.latency ?? 10, () => resolve({ status: options.status?.(i) ?? 200, ok: true, bodyBytes: 5, timing: { queueMs: 0, dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: 1, downloadMs: 0, totalMs: 1, reused: true } }));
              signal?.addEventListener('abort', () => (task.cancel(), reject(signal.reason as Error)), { once: true });
            }),
          dispose: () => undefined,
        };
        return score;
      },
    },
    clock: { now: () => new Date(Date.UTC(2026, 11, 4, 10, 15, 0) + time.now()), monotonicMs: time.now },
    scheduler: time.scheduler,
    logger: { log: () => undefined },
    onProgress: (p) => (progress.push(TestRunProgress.parse(p)), at.push(time.now())),
    exportTarget: async (name) => (named.push(name), options.target === undefined ? path.join(dir, name) : options.target),
    newId: () => `run-000000${++ids}`,
  };
  return { service: createTestRunService(deps), progress, at, prepared, dir, named, sent: () => n };
}

describe('test-run service', () => {
  it('runs count requests, pushes progress at most every 250 ms of fake time, and reports what they add up to', async () => {
    const time = createFakeTime();
    const h = setup(time, { latency: 10, status: (i) => (i % 8 === 7 ? 429 : 200) });
    const running = h.service.start(ALICE, { ...REQUEST, deploymentName: 'blue' });
    await time.advance(5_000);
    const report = TestRunReport.parse(await running);
    expect(h.prepared).toEqual([{ workspaceId: WS, endpointName: 'credit-ep', deploymentName: 'blue', payload: REQUEST.payload, via: undefined }]);
    expect(report).toMatchObject({
      runId: 'run-0000001', state: 'completed', stoppedBecause: null, deploymentName: 'blue', via: 'jump', count: 40, concurrency: 4, ratePerSecond: null,
      startedAt: '2026-12-04T10:15:00.000Z', elapsedMs: 100, sent: 40, succeeded: 35, failed: 5, errorRate: 0.125, statusCounts: { '200': 35, '429': 5 }, throughput: 400,
      latency: { p50: 10, p90: 10, p95: 10, p99: 10, min: 10, max: 10, mean: 10 },
    });
    expect(report.samples).toHaveLength(40);
    // Start (0 done), then windows of 250 ms (the run lasts 100 ms: none), then the end.
    expect(h.progress.map((p) => [p.state, p.done])).toEqual([['running', 0], ['completed', 40]]);
    expect(h.progress.at(-1)).toMatchObject({ failed: 5, total: 40, elapsedMs: 100 });
  });

  it('a long run pushes one progress per 250 ms window, never more', async () => {
    const time = createFakeTime();
    const h = setup(time, { latency: 10 });
    const running = h.service.start(ALICE, { ...REQUEST, count: 300, concurrency: 1 }); // 3 s of requests
    await time.advance(10_000);
    await running;
    const gaps = h.at.slice(1, -1).map((t, i) => t - h.at[i]!);
    expect(gaps.every((g) => g >= 250)).toBe(true);
    expect(h.progress.length).toBeGreaterThanOrEqual(12);
    expect(h.progress.length).toBeLessThanOrEqual(14);
    expect(h.progress.filter((p) => p.state === 'running').map((p) => p.done)).toEqual([...h.progress.filter((p) => p.state === 'running').map((p) => p.done)].sort((a, b) => a - b));
    expect(h.progress[1]!.latency).toMatchObject({ p50: 10 });
  });

  it('one run at a time: a second start is refused in words, and works again after the first ended', async () => {
    const time = createFakeTime();
    const h = setup(time);
    const first = h.service.start(ALICE, REQUEST);
    const second = await h.service.start(BOB, REQUEST).catch((e: unknown) => e as AirlockError);
    expect(second).toMatchObject({ code: 'E_UNAVAILABLE', message: 'A test run is already running. Wait for it to end or cancel it, then start this one.' });
    await time.advance(5_000);
    await first;
    const third = h.service.start(BOB, { ...REQUEST, count: 1 });
    await time.advance(100);
    expect((await third).state).toBe('completed');
  });

  it('a payload refused by prepare: its typed error, nothing sent, the slot freed', async () => {
    const time = createFakeTime();
    const h = setup(time, { prepareError: new AirlockError('E_PAYLOAD_INVALID', { details: { reason: 'not-json' } }) });
    await expect(h.service.start(ALICE, REQUEST)).rejects.toMatchObject({ code: 'E_PAYLOAD_INVALID' });
    await expect(h.service.start(ALICE, REQUEST)).rejects.toMatchObject({ code: 'E_PAYLOAD_INVALID' });
    expect(h.sent()).toBe(0);
    expect(h.progress).toEqual([]);
  });

  it('cancel by its owner: the run ends cancelled; another account or endpoint finds no such run', async () => {
    const time = createFakeTime();
    const h = setup(time, { latency: 10 });
    const running = h.service.start(ALICE, { ...REQUEST, count: 1000 });
    await time.advance(55);
    const runId = h.progress[0]!.runId;
    expect(() => h.service.cancel(BOB, { workspaceId: WS, endpointName: 'credit-ep', runId })).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    expect(() => h.service.cancel(ALICE, { workspaceId: WS, endpointName: 'other-ep', runId })).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    expect(h.service.cancel(ALICE, { workspaceId: WS.toUpperCase(), endpointName: 'credit-ep', runId })).toEqual({ runId, cancelled: true });
    await time.advance(100);
    const report = await running;
    expect(report).toMatchObject({ state: 'cancelled', sent: 20 });
    expect(report.stoppedBecause).toBe('Cancelled after 20 of 1000 requests; 4 on their way were stopped and are not counted.');
    expect(h.progress.at(-1)).toMatchObject({ state: 'cancelled', done: 20 });
    expect(h.service.cancel(ALICE, { workspaceId: WS, endpointName: 'credit-ep', runId })).toEqual({ runId, cancelled: false });
  });

  it('stopAll (sign-out, idle lock, quit): the run ends failed in those words, not as a user cancel', async () => {
    const time = createFakeTime();
    const h = setup(time, { latency: 10 });
    const running = h.service.start(ALICE, { ...REQUEST, count: 1000 });
    await time.advance(35);
    h.service.stopAll('You signed out, so the test run stopped.');
    await time.advance(100);
    const report = await running;
    expect(report).toMatchObject({ state: 'failed', sent: 12, stoppedBecause: 'You signed out, so the test run stopped. 4 on their way were stopped and are not counted.' });
    h.service.stopAll('nothing running: nothing happens');
  });

  it('export: the CSV where the host chose, rows then the summary; the dialog cancelled writes nothing; the last 10 kept', async () => {
    const time = createFakeTime();
    const h = setup(time);
    const running = h.service.start(ALICE, { ...REQUEST, count: 5, concurrency: 1 });
    await time.advance(1000);
    const report = await running;
    const ref = { workspaceId: WS, endpointName: 'credit-ep', runId: report.runId };
    await expect(h.service.export(BOB, ref)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    const written = await h.service.export(ALICE, ref);
    expect(h.named).toEqual(['airlock-test-run-credit-ep-20261204-101500.csv']);
    expect(written).toEqual({ path: path.join(h.dir, 'airlock-test-run-credit-ep-20261204-101500.csv'), rows: 5 });
    const lines = readFileSync(written.path, 'utf8').split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['request,start_ms,latency_ms,status,error', '1,0,10,200,', '2,10,10,200,']);
    expect(lines).toContain('summary,value');
    expect(lines).toContain('error_rate,0');
    expect(lines).toContain('status_200,5');
    expect(readdirSync(h.dir)).toEqual(['airlock-test-run-credit-ep-20261204-101500.csv']); // no side file left
    const cancelled = setup(time, { target: null });
    const r2 = cancelled.service.start(ALICE, { ...REQUEST, count: 1 });
    await time.advance(100);
    const id2 = (await r2).runId;
    expect(await cancelled.service.export(ALICE, { ...ref, runId: id2 })).toEqual({ path: '', rows: 0 });
    expect(readdirSync(cancelled.dir)).toEqual([]);
    // Eleven more runs: the first is no longer kept.
    for (let i = 0; i < 11; i += 1) {
      const more = h.service.start(ALICE, { ...REQUEST, count: 1 });
      await time.advance(100);
      await more;
    }
    await expect(h.service.export(ALICE, ref)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});

describe('test-run CSV', () => {
  it('cells that a spreadsheet would run as a formula get a leading apostrophe; commas, quotes and newlines are quoted', () => {
    expect(['=1+2', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+2", "'+cmd", "'-2+3", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('a hostile stoppedBecause stays one inert cell', () => {
    const report = TestRunReport.parse({
      runId: 'run-00000001', state: 'failed', stoppedBecause: '=cmd|" /C calc"!A0, then\nmore', workspaceId: WS, endpointName: 'credit-ep', deploymentName: null, via: 'vpn', count: 1, concurrency: 1, ratePerSecond: 2.5,
      startedAt: '2026-12-04T10:15:00.000Z', elapsedMs: 1, sent: 1, succeeded: 0, failed: 1, errorRate: 1, statusCounts: { '0': 1 }, latency: null, throughput: 1000,
      samples: [{ startMs: 0, latencyMs: 1, status: 0, error: 'E_ROUTE_DROPPED' }],
    });
    const csv = testRunCsv(report);
    expect(csv).toContain(`stopped_because,"'=cmd|"" /C calc""!A0, then\nmore"\r\n`);
    expect(csv).toContain('1,0,1,0,E_ROUTE_DROPPED\r\n');
    expect(csv).toContain('rate_per_second,2.5\r\nstarted_at,2026-12-04T10:15:00.000Z\r\n');
    expect(csv).toContain('latency_p50_ms,\r\n');
    expect(csv).toContain('status_0,1\r\n');
  });
});
