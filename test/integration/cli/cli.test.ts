// The airlock command as a separate process over the same services.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';

function airlock(...args: string[]) {
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'electron/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('airlock CLI', () => {
  it('prints version and environments', () => {
    const r = airlock('info');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Airlock \d+\.\d+\.\d+ \(development\) on /);
    expect(r.stdout).toContain('AzureUSGovernment');
  });

  it('prints health as JSON', () => {
    const r = airlock('health', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout) as unknown).toMatchObject({ status: 'ok', checks: expect.any(Array) as unknown });
  });

  it('explains unknown commands and exits 2', () => {
    const r = airlock('exfiltrate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command or argument: exfiltrate');
    expect(r.stderr).toContain('Usage: airlock');
  });
});
