// The verify runner pushes its progress (the audit.verifyProgress event) instead of waiting to be polled:
// running at the start, again each time another whole percent is checked (a million-row trail sends ~100
// events, not one per chunk), and the finished state with its report.
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../../../electron/services/audit';
import { createVerifyRunner } from '../../../../../electron/services/composition/verify-runner';
import type { VerifyProgressView } from '../../../../../shared/contract/schemas/audit';

const intact = (total: number): VerifyReport => ({ result: 'intact', checked: total, total, first: null, findings: [], unverifiable: [], words: 'intact' });

describe('verify runner: progress pushed', () => {
  it('tells running, each new whole percent, then done with the report', async () => {
    const seen: VerifyProgressView[] = [];
    const runner = createVerifyRunner((progress) => void seen.push(progress));
    await runner.run(async (onProgress) => {
      for (let done = 0; done <= 1000; done += 2) onProgress(done, 1000); // 501 chunk reports
      return intact(1000);
    });
    expect(seen[0]).toEqual({ state: 'running', checked: 0, total: 0, report: null });
    const running = seen.filter((p) => p.state === 'running');
    expect(running.length).toBeLessThanOrEqual(102);
    expect(running.map((p) => p.checked)).toEqual([...new Set(running.map((p) => p.checked))].sort((a, b) => a - b));
    expect(running.at(-1)).toEqual({ state: 'running', checked: 1000, total: 1000, report: null });
    expect(seen.at(-1)).toMatchObject({ state: 'done', checked: 1000, total: 1000, report: { result: 'intact' } });
  });

  it('a failed verify ends with the state polling would show (idle: no report yet)', async () => {
    const seen: VerifyProgressView[] = [];
    const runner = createVerifyRunner((progress) => void seen.push(progress));
    await expect(runner.run(async () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    expect(seen.at(-1)).toEqual({ state: 'idle', checked: 0, total: 0, report: null });
  });
});
