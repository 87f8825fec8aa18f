// One audit verify at a time, for audit.verify / audit.verifyProgress / audit.cancelVerify: a second verify
// joins the running one, progress is kept for the verifyProgress channel and pushed (the audit.verifyProgress event), and cancel aborts it
// through its AbortSignal (the run then answers 'aborted'). Holds counts and the last report only — never
// record content.
import type { VerifyProgressView, VerifyReportView } from '../../../shared/contract/schemas/audit';
import { VERIFY_LIST_MAX } from '../../../shared/contract/schemas/audit';
import type { VerifyReport } from '../audit';

export type VerifyFn = (onProgress: (done: number, total: number) => void, signal: AbortSignal) => Promise<VerifyReport>;

export interface VerifyRunner {
  /** Starts a verify, or joins the one running. */
  run(verify: VerifyFn): Promise<VerifyReportView>;
  progress(): VerifyProgressView;
  /** True when a running verify was asked to stop. */
  cancel(): boolean;
}

const WORDS_MAX = 4096;

/** The trail's report within the contract's bounds: the first findings and stretches, the words whole or cut. */
export function reportView(report: VerifyReport): VerifyReportView {
  return {
    result: report.result,
    checked: report.checked,
    total: report.total,
    first: report.first ? { ...report.first } : null,
    findings: report.findings.slice(0, VERIFY_LIST_MAX).map((f) => ({ ...f })),
    unverifiable: report.unverifiable.slice(0, VERIFY_LIST_MAX).map((s) => ({ ...s })),
    words: report.words.length > WORDS_MAX ? `${report.words.slice(0, WORDS_MAX - 1)}…` : report.words,
  };
}

interface Running {
  promise: Promise<VerifyReportView>;
  readonly controller: AbortController;
  checked: number;
  total: number;
}

/**
 * `onProgress` is told the progress view at the start, each time another whole percent is checked (so a
 * million-row trail pushes ~100 events, not one per chunk), and at the end.
 */
export function createVerifyRunner(onProgress?: (progress: VerifyProgressView) => void): VerifyRunner {
  let running: Running | null = null;
  let last: VerifyReportView | null = null;
  let toldPercent = 0;
  const tell = () => onProgress?.(progress());

  return {
    run(verify) {
      if (running) return running.promise;
      const controller = new AbortController();
      const current: Running = { controller, checked: 0, total: 0, promise: null as unknown as Promise<VerifyReportView> };
      // Set before the run starts: a verify that fails at once must still clear it (in `finally`).
      running = current;
      toldPercent = 0; // the start was told as 0
      tell();
      current.promise = (async () => {
        try {
          const report = reportView(
            await verify((done, total) => {
              current.checked = done;
              current.total = total;
              const percent = total > 0 ? Math.floor((done * 100) / total) : 0;
              if (percent === toldPercent || running !== current) return;
              toldPercent = percent;
              tell();
            }, controller.signal),
          );
          last = report;
          return report;
        } finally {
          if (running === current) running = null;
          tell();
        }
      })();
      return current.promise;
    },
    progress,
    cancel() {
      if (!running || running.controller.signal.aborted) return false;
      running.controller.abort();
      return true;
    },
  };

  function progress(): VerifyProgressView {
    if (running) return { state: 'running', checked: running.checked, total: running.total, report: null };
    if (last) return { state: 'done', checked: last.checked, total: last.total, report: last };
    return { state: 'idle', checked: 0, total: 0, report: null };
  }
}
