// "unsigned" unless the packed package.json carries the release stamp (scripts/release/build-release.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSignedBuild } from '../../../../electron/main/signed-build';
import { createAppService } from '../../../../electron/services/app';
import { formatInfo } from '../../../../electron/cli/format';
import { SIGNED_STAMP } from '../../../../scripts/release/build-release';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function appWith(pkg: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'airlock-signed-'));
  dirs.push(dir);
  if (pkg !== undefined) writeFileSync(path.join(dir, 'package.json'), typeof pkg === 'string' ? pkg : JSON.stringify(pkg));
  return dir;
}

describe('signed build', () => {
  it('is signed only with the stamp build-release.ts writes', () => {
    expect(isSignedBuild(appWith({ name: 'airlock', [SIGNED_STAMP]: true }))).toBe(true);
    expect(isSignedBuild(appWith({ name: 'airlock' }))).toBe(false);
    expect(isSignedBuild(appWith({ name: 'airlock', [SIGNED_STAMP]: 'yes' }))).toBe(false);
    expect(isSignedBuild(appWith('{ not json'))).toBe(false);
    expect(isSignedBuild(appWith(undefined))).toBe(false);
  });

  it('shows in AppInfo and `airlock info`: unsigned unless told otherwise', async () => {
    const environments = { summaries: () => [], defaultId: () => null, list: () => [] } as unknown as Parameters<typeof createAppService>[1];
    const clock = { monotonicMs: () => 0, now: () => new Date(0) };
    const facts = { version: '0.1.0', build: 'production' as const, runtime: 'cli' as const, platform: 'linux' as const, arch: 'x64' };
    const unsigned = await createAppService(facts, environments, clock).info();
    expect(unsigned.signature).toBe('unsigned');
    expect(formatInfo(unsigned)).toContain('Airlock 0.1.0 (production, unsigned) on linux/x64');
    const signed = await createAppService({ ...facts, signed: true }, environments, clock).info();
    expect(formatInfo(signed)).toContain('(production, signed)');
  });
});
