// One audit verify at a time: a second call joins the first, progress is kept for polling, cancel aborts the
// run through its signal, and the report stays within the contract's bounds.
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../../../electron/services/audit';
import { createVerifyRunner, reportView } from '../../../../../electron/services/composition/verify-runner';
import { VerifyReportView } from '../../../../../shared/contract/schemas/audit';

const report = (result: VerifyReport['result'], checked: number): VerifyReport => ({ result, checked, total: 10, first: null, findings: [], unverifiable: [], words: result });

describe('verify runner', () => {
  it('joins a running verify, reports progress while it runs and the report after', async () => {
    const runner = createVerifyRunner();
    let finish: (r: VerifyReport) => void = () => undefined;
    let runs = 0;
    const verify = (onProgress: (done: number, total: number) => void) => {
      runs += 1;
      onProgress(4, 10);
      return new Promise<VerifyReport>((resolve) => (finish = resolve));
    };
    const first = runner.run(verify);
    const second = runner.run(verify);
    expect(runs).toBe(1);
    expect(runner.progress()).toEqual({ state: 'running', checked: 4, total: 10, report: null });
    finish(report('intact', 10));
    expect(await first).toEqual(await second);
    expect(runner.progress()).toMatchObject({ state: 'done', checked: 10, total: 10, report: { result: 'intact' } });
  });

  it('cancel aborts the running verify through its signal; nothing running is nothing cancelled', async () => {
    const runner = createVerifyRunner();
    expect(runner.cancel()).toBe(false);
    const running = runner.run((_progress, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve(report('aborted', 3)))));
    expect(runner.cancel()).toBe(true);
    expect(runner.cancel()).toBe(false);
    expect(await running).toMatchObject({ result: 'aborted', checked: 3 });
  });

  it('a verify that fails is not left running', async () => {
    const runner = createVerifyRunner();
    await expect(
      runner.run(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(runner.progress().state).toBe('idle');
  });

  it('keeps a huge report within the contract (first findings, words cut)', () => {
    const findings = Array.from({ length: 500 }, (_, i) => ({ seq: i + 1, toSeq: i + 1, what: 'edited' as const, words: `Record ${i + 1} was changed.` }));
    const view = reportView({ ...report('tampered', 500), first: findings[0]!, findings, words: 'x'.repeat(10_000) });
    expect(VerifyReportView.safeParse(view).success).toBe(true);
    expect(view.findings).toHaveLength(100);
    expect(view.first).toEqual(findings[0]);
  });
});
