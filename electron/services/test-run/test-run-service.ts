// Test runs for support staff (testRun.start | cancel | export): the payload checked once by the invoke service
// (prepare: size, JSON, schema, policy auth modes, a first credential, the route), then sent `count` times by the
// load loop. One run at a time on this Airlock; the last few reports are kept in memory (never on disk, never a
// body or a credential in them) for the export, which writes CSV where the host chooses (a save dialog in
// Airlock, --csv in the CLI). Runs are not kept in the history: one audit record (the testRun.start call) says
// a run happened. Progress is pushed through `onProgress` (the testRun.progress event) a few times a second.
import { randomUUID } from 'node:crypto';
import type { TestRunProgress, TestRunReport } from '../../../shared/contract/schemas/test-run';
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { InvokeCaller, InvokeService, ScoreRequest } from '../invoke';
import type { Clock, Logger, Scheduler } from '../ports';
import { writeWhole } from './csv-file';
import { createProgressThrottle } from './progress-throttle';
import { RunStopped, runLoad } from './run-load';
import { runStats } from './run-stats';
import { testRunCsv } from './test-run-csv';

export interface TestRunStart extends ScoreRequest {
  readonly count: number;
  readonly concurrency: number;
  readonly ratePerSecond?: number | undefined;
}

export interface TestRunRefOf {
  readonly workspaceId: string;
  readonly endpointName: string;
  readonly runId: string;
}

/** Who asks: the run's owner (account and environment) is the only one who may cancel or export it. */
export type TestRunOwner = Pick<InvokeCaller, 'accountId' | 'environmentId'>;

/** Asks where to write the CSV (suggested file name given); null: the user cancelled, nothing is written. */
export type TestRunExportTarget = (suggestedName: string) => Promise<string | null>;

export interface TestRunServiceDeps {
  readonly invoke: Pick<InvokeService, 'prepare'>;
  readonly clock: Clock;
  /** Pacing, route back-off and progress windows (timers that keep the process alive while a run runs). */
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  readonly onProgress: (progress: TestRunProgress) => void;
  readonly exportTarget: TestRunExportTarget;
  readonly newId?: () => string;
  /** How many finished reports are kept for export (default 10). */
  readonly keep?: number;
  readonly progressEveryMs?: number;
  readonly routeGiveUpMs?: number;
  readonly refusalsToStop?: number;
}

export interface TestRunService {
  start(caller: InvokeCaller, request: TestRunStart): Promise<TestRunReport>;
  cancel(owner: TestRunOwner, ref: TestRunRefOf): { runId: string; cancelled: boolean };
  export(owner: TestRunOwner, ref: TestRunRefOf): Promise<{ path: string; rows: number }>;
  /** Stops the running run, if any, as failed saying `because` (sign-out, idle lock, quit). */
  stopAll(because: string): void;
}

interface Kept {
  readonly owner: string;
  readonly report: TestRunReport;
}

const ownerKey = (o: TestRunOwner) => `${o.environmentId}\u0000${o.accountId}`;
const sameEndpoint = (a: TestRunRefOf, b: Pick<TestRunReport, 'workspaceId' | 'endpointName'>) =>
  a.workspaceId.toLowerCase() === b.workspaceId.toLowerCase() && a.endpointName.toLowerCase() === b.endpointName.toLowerCase();
const notFound = () => new AirlockError('E_NOT_FOUND', { message: 'Airlock has no test run with that id for this endpoint.', hint: 'Only the last few runs of this session are kept; run the test again.' });

/** `airlock-test-run-credit-ep-20261204-101500.csv` (UTC). */
export function testRunExportName(endpointName: string, startedAt: string): string {
  const stamp = startedAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `airlock-test-run-${endpointName.replace(/[^A-Za-z0-9-]/g, '')}-${stamp}.csv`;
}

export function createTestRunService(deps: TestRunServiceDeps): TestRunService {
  const keep = deps.keep ?? 10;
  const kept: Kept[] = [];
  let running: { runId: string; owner: string; ref: TestRunRefOf; stop: AbortController } | null = null;
  const newId = deps.newId ?? (() => randomUUID());
  const now = () => deps.clock.monotonicMs();

  return {
    async start(caller, request) {
      if (running) {
        throw new AirlockError('E_UNAVAILABLE', { message: 'A test run is already running. Wait for it to end or cancel it, then start this one.' });
      }
      const runId = newId();
      const stop = new AbortController();
      const ref = { workspaceId: request.workspaceId, endpointName: request.endpointName, runId };
      const current = { runId, owner: ownerKey(caller), ref, stop };
      running = current; // before the first await: a second start meanwhile is refused
      try {
        const prepared = await deps.invoke.prepare(caller, { workspaceId: request.workspaceId, endpointName: request.endpointName, deploymentName: request.deploymentName, payload: request.payload, via: request.via });
        const startedAt = deps.clock.now().toISOString();
        const began = now();
        let samplesNow: Parameters<typeof runStats>[0] = [];
        const progress = (state: TestRunProgress['state']): TestRunProgress => {
          const stats = runStats(samplesNow, 0);
          return { runId, state, total: request.count, done: stats.sent, failed: stats.failed, elapsedMs: Math.round(Math.max(0, now() - began)), latency: stats.latency };
        };
        const throttle = createProgressThrottle({ everyMs: deps.progressEveryMs ?? 250, now, scheduler: deps.scheduler, push: () => deps.onProgress(progress('running')) });
        deps.logger.log('info', 'testrun.started', { count: request.count, concurrency: request.concurrency, rate: request.ratePerSecond ?? null, via: prepared.via, authMode: prepared.authMode });
        throttle.now();
        let outcome;
        try {
          outcome = await runLoad({
            count: request.count,
            concurrency: request.concurrency,
            ratePerSecond: request.ratePerSecond ?? null,
            send: (signal) => prepared.send(signal),
            now,
            scheduler: deps.scheduler,
            stop: stop.signal,
            onSample: (_sample, all) => {
              samplesNow = all;
              throttle.changed();
            },
            ...(deps.refusalsToStop === undefined ? {} : { refusalsToStop: deps.refusalsToStop }),
            ...(deps.routeGiveUpMs === undefined ? {} : { routeGiveUpMs: deps.routeGiveUpMs }),
          });
        } finally {
          throttle.close();
          prepared.dispose();
        }
        const stats = runStats(outcome.samples, outcome.elapsedMs);
        const report: TestRunReport = {
          runId,
          state: outcome.state,
          stoppedBecause: outcome.stoppedBecause,
          workspaceId: request.workspaceId,
          endpointName: request.endpointName,
          deploymentName: request.deploymentName ?? null,
          via: prepared.via,
          count: request.count,
          concurrency: request.concurrency,
          ratePerSecond: request.ratePerSecond ?? null,
          startedAt,
          elapsedMs: outcome.elapsedMs,
          ...stats,
          samples: outcome.samples,
        };
        kept.push({ owner: current.owner, report });
        if (kept.length > keep) kept.shift();
        deps.onProgress({ runId, state: report.state, total: report.count, done: report.sent, failed: report.failed, elapsedMs: Math.round(report.elapsedMs), latency: report.latency });
        deps.logger.log('info', 'testrun.ended', { state: report.state, sent: report.sent, failed: report.failed, ms: Math.round(report.elapsedMs) });
        return report;
      } finally {
        if (running === current) running = null;
      }
    },

    cancel(owner, ref) {
      if (running && running.runId === ref.runId && running.owner === ownerKey(owner) && sameEndpoint(ref, running.ref)) {
        running.stop.abort();
        return { runId: ref.runId, cancelled: true };
      }
      if (kept.some((k) => k.report.runId === ref.runId && k.owner === ownerKey(owner) && sameEndpoint(ref, k.report))) return { runId: ref.runId, cancelled: false };
      throw notFound();
    },

    async export(owner, ref) {
      const found = kept.find((k) => k.report.runId === ref.runId && k.owner === ownerKey(owner) && sameEndpoint(ref, k.report));
      if (!found) {
        if (running?.runId === ref.runId) throw new AirlockError('E_UNAVAILABLE', { message: 'This test run is still running; export it when it ends.' });
        throw notFound();
      }
      const { report } = found;
      const chosen = await deps.exportTarget(testRunExportName(report.endpointName, report.startedAt));
      if (!chosen) return { path: '', rows: 0 }; // the user cancelled the save dialog: nothing written
      await writeWhole(chosen, testRunCsv(report));
      return { path: chosen, rows: report.samples.length };
    },

    stopAll(because) {
      running?.stop.abort(new RunStopped(because));
    },
  };
}
