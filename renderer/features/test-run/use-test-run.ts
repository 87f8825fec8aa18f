// Runs one load test at a time from the panel: testRun.start (resolves with the report when the run ends),
// progress from main's testRun.progress pushes (nothing polls), Cancel through testRun.cancel once the run id is
// known (a Cancel pressed before the first push is sent when it arrives). A run whose panel goes away is
// cancelled: nobody could see or stop it any more.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { TestRunReport } from '../../../shared/contract/schemas/test-run';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useStepUp } from '../session/step-up';
import { IDLE, runReducer, type RunState } from './run-state';

export interface RunRequest {
  readonly workspaceId: string;
  readonly endpointName: string;
  readonly deploymentName: string | undefined;
  readonly payload: string;
  readonly count: number;
  readonly concurrency: number;
  readonly ratePerSecond: number | null;
}

export interface TestRun {
  readonly state: RunState;
  readonly start: (request: RunRequest) => void;
  readonly cancel: () => void;
}

export function useTestRun(): TestRun {
  const withStepUp = useStepUp();
  const [state, dispatch] = useReducer(runReducer, IDLE);
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);
  const target = useRef<{ workspaceId: string; endpointName: string } | null>(null);
  const cancelWanted = useRef(false);
  const cancelSent = useRef<string | null>(null);
  const live = useRef(true);

  const sendCancel = useCallback((runId: string) => {
    const t = target.current;
    if (!t || cancelSent.current === runId) return;
    cancelSent.current = runId;
    // The pending start answers 'cancelled' with the partial report; a failed cancel (the run just ended) is moot.
    void unwrap(window.airlock.testRun.cancel({ workspaceId: t.workspaceId, endpointName: t.endpointName, runId })).catch(() => undefined);
  }, []);

  useEffect(
    () =>
      window.airlock.testRun.onProgress((progress) => {
        dispatch({ type: 'progress', progress });
        const s = latest.current;
        if (cancelWanted.current && s.phase === 'running' && (s.runId === null || s.runId === progress.runId)) sendCancel(progress.runId);
      }),
    [sendCancel],
  );

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      const s = latest.current;
      if (s.phase === 'running' && s.runId) sendCancel(s.runId);
    };
  }, [sendCancel]);

  const start = useCallback(
    (r: RunRequest) => {
      if (latest.current.phase === 'running') return;
      target.current = { workspaceId: r.workspaceId, endpointName: r.endpointName };
      cancelWanted.current = false;
      cancelSent.current = null;
      dispatch({ type: 'started', total: r.count });
      const request = {
        workspaceId: r.workspaceId,
        endpointName: r.endpointName,
        payload: r.payload,
        count: r.count,
        concurrency: r.concurrency,
        ...(r.deploymentName ? { deploymentName: r.deploymentName } : {}),
        ...(r.ratePerSecond !== null ? { ratePerSecond: r.ratePerSecond } : {}),
      };
      unwrap(withStepUp(() => window.airlock.testRun.start(request))).then(
        (report: TestRunReport) => live.current && dispatch({ type: 'finished', report }),
        (thrown: unknown) => live.current && dispatch({ type: 'failed', error: asAirlockError(thrown) }),
      );
    },
    [withStepUp],
  );

  const cancel = useCallback(() => {
    const s = latest.current;
    if (s.phase !== 'running') return;
    cancelWanted.current = true;
    dispatch({ type: 'cancel' });
    if (s.runId) sendCancel(s.runId);
  }, [sendCancel]);

  return { state, start, cancel };
}
