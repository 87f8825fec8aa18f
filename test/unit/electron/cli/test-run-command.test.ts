// `airlock test-run` against a fake guarded door: the request it starts (workspace resolved, counts, rate, the
// route chosen), progress lines from the testRun.progress event, Ctrl-C → testRun.cancel with the run's id,
// --csv → testRun.export, the summary table, exit codes (0 only when every request ran and answered 2xx).
import { describe, expect, it } from 'vitest';
import type { CliCommand, CliEvent, CliIo } from '../../../../electron/cli/cli-command';
import { COMMANDS } from '../../../../electron/cli/commands';
import { formatTestRun } from '../../../../electron/cli/format-test-run';
import type { InProcessGateway } from '../../../../electron/services';
import { failed, ok } from '../../../../shared/contract/result';
import type { TestRunReport } from '../../../../shared/contract/schemas/test-run';
import { AirlockError } from '../../../../shared/errors/airlock-error';

const SUB = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const WS = `/subscriptions/${SUB}/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit`;
const AT = '2026-12-03T23:00:00.000Z';
const ALICE = { accountId: 'acc-1', environmentId: 'Sandbox', username: 'alice@contoso.test', name: 'Alice', tenantId: 't', authMethods: ['pwd'], signedInAt: AT };
const RUN = 'run-12345678';

const report = (over: Partial<TestRunReport> = {}): TestRunReport => ({
  runId: RUN, state: 'completed', stoppedBecause: null, workspaceId: WS, endpointName: 'credit-ep', deploymentName: null, via: 'vpn', count: 4, concurrency: 2, ratePerSecond: null,
  startedAt: AT, elapsedMs: 40, sent: 4, succeeded: 4, failed: 0, errorRate: 0, statusCounts: { '200': 4 }, latency: { p50: 10, p90: 12, p95: 12, p99: 12, min: 8, max: 12, mean: 10.25 }, throughput: 100,
  samples: [{ startMs: 0, latencyMs: 10, status: 200, error: null }], ...over,
});

function door(start: (payload: unknown, emit: (event: CliEvent) => void) => Promise<unknown>) {
  const calls: Array<[string, unknown]> = [];
  const listeners = new Set<(event: CliEvent) => void>();
  const emit = (event: CliEvent) => listeners.forEach((l) => l(event));
  const gateway: InProcessGateway = {
    async call(channel, payload) {
      calls.push([String(channel), payload]);
      try {
        switch (channel) {
          case 'auth.accounts': return ok({ accounts: [ALICE], activeAccountId: ALICE.accountId });
          case 'workspace.list': return ok({ workspaces: [{ id: WS, name: 'ws-credit', displayName: 'ws-credit', subscriptionId: SUB, resourceGroup: 'rg-ml-private', location: 'westeurope', publicNetworkAccess: 'Disabled', privateEndpoints: 1 }] });
          case 'route.list': return ok({ routes: [{ via: 'vpn', allowed: true, why: null, state: 'up' }] });
          case 'testRun.start': return ok(await start(payload, emit));
          case 'testRun.cancel': return ok({ runId: RUN, cancelled: true });
          case 'testRun.export': return ok({ path: '/tmp/out.csv', rows: 4 });
          default: throw new Error(`unexpected ${String(channel)}`);
        }
      } catch (thrown) {
        if (thrown instanceof AirlockError) return failed(thrown.toShape());
        throw thrown;
      }
    },
  };
  const lines: string[] = [];
  let stop = () => {};
  const io: CliIo = {
    readData: async () => '{"input_data":[[1]]}',
    events: { subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)) },
    progress: (line) => lines.push(line),
    waitForStop: () => new Promise<void>((resolve) => (stop = resolve)),
  };
  return { gateway, io, calls, lines, stop: () => stop(), asked: (c: string) => calls.filter(([n]) => n === c).map(([, p]) => p) };
}

const command = COMMANDS['test-run'] as CliCommand;
const progress = (done: number, state = 'running') => ({ name: 'testRun.progress', payload: { runId: RUN, state, total: 4, done, failed: 0, elapsedMs: done * 10, latency: done ? { p50: 10, p90: 12, p95: 12, p99: 12, min: 8, max: 12, mean: 10 } : null } });

describe('airlock test-run', () => {
  it('starts testRun.start with the resolved workspace, counts, rate and route; progress lines; exit 0 when all 2xx', async () => {
    const d = door(async (_p, emit) => (emit(progress(0)), emit(progress(2)), emit(progress(4, 'completed')), report()));
    const r = await command.run(d.gateway, { workspace: 'rg-ml-private/ws-credit', endpoint: 'credit-ep', deployment: 'blue', data: 'x.json', requests: '4', concurrency: '2', rate: '2.5' }, d.io);
    expect(d.asked('testRun.start')).toEqual([{ workspaceId: WS, endpointName: 'credit-ep', deploymentName: 'blue', payload: '{"input_data":[[1]]}', count: 4, concurrency: 2, ratePerSecond: 2.5, via: 'vpn' }]);
    expect(d.lines).toEqual(['Test run: 0/4 done, 0 failed, 0.0 s', 'Test run: 2/4 done, 0 failed, p50 10.0 ms, p99 12.0 ms, 0.0 s', '']);
    expect(r.exitCode).toBe(0);
    expect(r.value).toEqual(report());
    expect(r.text).toMatch(/^Test run completed: 4 of 4 requests to credit-ep over vpn\n/);
    expect(r.text).toMatch(/^LATENCY \(ms\)\s+P50\s+P90\s+P95\s+P99\s+MIN\s+MAX\s+MEAN\n\s+10\.0\s+12\.0\s+12\.0\s+12\.0\s+8\.0\s+12\.0\s+10\.3$/m);
    expect(r.text).toMatch(/^200\s+4$/m);
    expect(d.asked('testRun.export')).toEqual([]);
  });

  it('Ctrl-C cancels the run by its id; the report of what finished is printed, exit 1', async () => {
    let finish: (value: unknown) => void = () => {};
    const d = door((_p, emit) => (emit(progress(1)), new Promise((resolve) => (finish = resolve))));
    const running = command.run(d.gateway, { workspace: WS, endpoint: 'credit-ep', data: 'x.json', requests: '4', concurrency: '2' }, d.io);
    await new Promise((resolve) => setImmediate(resolve));
    d.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(d.asked('testRun.cancel')).toEqual([{ workspaceId: WS, endpointName: 'credit-ep', runId: RUN }]);
    finish(report({ state: 'cancelled', stoppedBecause: 'Cancelled after 1 of 4 requests; 2 on their way were stopped and are not counted.', sent: 1, succeeded: 1, statusCounts: { '200': 1 } }));
    const r = await running;
    expect(r.exitCode).toBe(1);
    expect(r.text).toContain('Test run cancelled: 1 of 4 requests');
    expect(r.text).toContain('  Cancelled after 1 of 4 requests; 2 on their way were stopped and are not counted.');
  });

  it('--csv exports the run (main writes where --csv says); any failed request is exit 1; status 0 reads as no answer', async () => {
    const d = door(async (_p, emit) => (emit(progress(0)), report({ failed: 1, succeeded: 3, errorRate: 0.25, statusCounts: { '0': 1, '200': 3 } })));
    const r = await command.run(d.gateway, { workspace: WS, endpoint: 'credit-ep', data: 'x.json', requests: '4', concurrency: '2', csv: 'out.csv' }, d.io);
    expect(d.asked('testRun.export')).toEqual([{ workspaceId: WS, endpointName: 'credit-ep', runId: RUN }]);
    expect(r.exitCode).toBe(1);
    expect(r.text).toContain('Errors: 1 of 4 (25.0 %)');
    expect(r.text).toMatch(/^0 \(no answer\)\s+1$/m);
    expect(r.text).toContain('CSV: /tmp/out.csv (4 rows)');
  });

  it('a refused start is the typed error; hostile words in a report are inert', async () => {
    const d = door(async () => {
      throw new AirlockError('E_PAYLOAD_INVALID', { details: { reason: 'not-json' } });
    });
    await expect(command.run(d.gateway, { workspace: WS, endpoint: 'credit-ep', data: 'x.json', requests: '4', concurrency: '2' }, d.io)).rejects.toMatchObject({ code: 'E_PAYLOAD_INVALID' });
    const text = formatTestRun(report({ state: 'failed', stoppedBecause: 'bad\u001b[31m\u202eword', latency: null, sent: 0, statusCounts: {} }), null);
    expect(text).toContain('  bad[31mword');
    expect(text).toContain('No request finished, so there is no latency to show.');
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/);
  });
});
