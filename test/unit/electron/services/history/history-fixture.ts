// Shared parts of the history service's tests: a result as endpoint.score gives it, owners, a fake scheduler
// (tasks run when the test says), and a service over a temporary user-data folder with the memory keychain.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InvokeResultView } from '../../../../../shared/contract/schemas/endpoint';
import { createHistoryService, type HistoryService, type HistoryServiceDeps } from '../../../../../electron/services/history';
import type { Scheduler } from '../../../../../electron/services/ports';
import { createMemoryKeychain, type MemoryKeychain } from '../../../../../electron/services/vault';
import { capturingLogger, fixedClock } from '../../../../support/test-airlock';

export const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';
export const BOB = { accountId: 'bob-oid.tid', environmentId: 'Sandbox' } as const;
export const ALICE = { accountId: 'alice-oid.tid', environmentId: 'Sandbox' } as const;
export const BOB_ELSEWHERE = { accountId: 'bob-oid.tid', environmentId: 'AzureCloud' } as const;

export function resultView(overrides: Partial<InvokeResultView> = {}): InvokeResultView {
  return {
    status: 200,
    ok: true,
    requestId: 'req-1',
    modelDeployment: 'blue',
    runFunctionFailure: null,
    contentType: 'application/json',
    body: '{"predictions":[0.82]}',
    bodyBytes: 22,
    bodyTruncated: false,
    failure: null,
    timings: { dnsMs: null, connectMs: 2, tlsMs: 3, ttfbMs: 10, downloadMs: 4, totalMs: 15 },
    authMode: 'AMLToken',
    route: { via: 'vpn', id: 'Sandbox/vpn' },
    historyId: null,
    ...overrides,
  };
}

export function request(payload: string, endpointName = 'credit-ep') {
  return { workspaceId: WS, endpointName, payload };
}

export function fakeScheduler(): Scheduler & { due(): number; runAll(): void } {
  let tasks: { run: () => void; cancelled: boolean }[] = [];
  return {
    schedule(_delayMs, run) {
      const task = { run, cancelled: false };
      tasks.push(task);
      return { cancel: () => void (task.cancelled = true) };
    },
    due: () => tasks.filter((t) => !t.cancelled).length,
    runAll() {
      const now = tasks.filter((t) => !t.cancelled);
      tasks = [];
      for (const t of now) t.run();
    },
  };
}

export function historyRig(options: { keychain?: MemoryKeychain | null; days?: number; userDataDir?: string; deps?: Partial<HistoryServiceDeps> } = {}) {
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'airlock-history-'));
  const keychain = options.keychain === undefined ? createMemoryKeychain() : options.keychain;
  const clock = fixedClock('2026-12-01T08:00:00.000Z');
  const scheduler = fakeScheduler();
  const logger = capturingLogger();
  let days = options.days ?? 30;
  const history: HistoryService = createHistoryService({ userDataDir, keychain, retentionDays: () => days, clock, scheduler, logger, ...options.deps });
  return {
    history,
    userDataDir,
    keychain,
    clock,
    scheduler,
    logger,
    setDays: (next: number) => void (days = next),
    dbFile: path.join(userDataDir, 'history', 'history.db'),
  };
}
