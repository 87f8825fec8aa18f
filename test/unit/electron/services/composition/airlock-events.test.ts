// createAirlock's event source: what hosts subscribe to for the push channel. The composition wires the
// services' changes to it — the vault's idle lock (vault.locked) and the audit verify's progress
// (audit.verifyProgress); sign-in progress is shown end to end in the harness e2e (sign-in.e2e.test.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, loadEnvironmentFile, type Airlock } from '../../../../../electron/services';
import type { AirlockEvent } from '../../../../../electron/services/events';
import type { Scheduler } from '../../../../../electron/services/ports';
import { sandboxLikeEnvironment, writeEnvironmentFixture } from '../../../../support/environments/environment-fixture';
import { capturingLogger, fixedClock, testAirlock, through } from '../../../../support/test-airlock';

// Each test opens a real audit trail (SQLite, keys): seconds on a loaded machine, so more than vitest's 5 s.
const SLOW = { timeout: 30_000 };
let airlock: Airlock | null = null;
afterEach(async () => {
  await airlock?.dispose();
  airlock = null;
});

function manualScheduler(): Scheduler & { runAll(): void } {
  const tasks = new Set<() => void>();
  return {
    schedule(_delayMs, run) {
      tasks.add(run);
      return { cancel: () => void tasks.delete(run) };
    },
    runAll() {
      for (const run of [...tasks]) {
        tasks.delete(run);
        run();
      }
    },
  };
}

describe('createAirlock: the event source hosts subscribe to', () => {
  it('pushes audit.verifyProgress while a verify runs, ending with its report', SLOW, async () => {
    airlock = testAirlock();
    const seen: AirlockEvent[] = [];
    airlock.events.subscribe((event) => void seen.push(event));
    const report = await through(airlock).audit.verify();
    const progress = seen.filter((e) => e.name === 'audit.verifyProgress').map((e) => e.payload as { state: string });
    expect(progress[0]).toMatchObject({ state: 'running' });
    expect(progress.at(-1)).toEqual({ state: 'done', checked: report.checked, total: report.total, report });
  });

  it("pushes vault.locked with the environment's id when a vault's idle lock drops its material", SLOW, async () => {
    const scheduler = manualScheduler();
    const clock = fixedClock();
    airlock = createAirlock(
      {
        runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' },
        extraEnvironments: [await loadEnvironmentFile(await writeEnvironmentFixture(sandboxLikeEnvironment()))],
      },
      {
        clock,
        logger: capturingLogger(),
        identity: { openBrowser: async () => undefined, keychain: createMemoryKeychain(), userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-events-')), scheduler },
        guard: { policySource: null },
      },
    );
    const seen: AirlockEvent[] = [];
    const stop = airlock.events.subscribe((event) => void seen.push(event));
    // Opens the default environment's vault. What unlock answers does not matter here (its account list then
    // stops at the fixture's CA path, a file this test has no need of): the vault opened first.
    await through(airlock).auth.unlock().catch(() => undefined);
    clock.advance(16 * 60_000); // past the default 15-minute idle lock
    scheduler.runAll(); // its idle timer fires
    expect(seen.filter((e) => e.name === 'vault.locked')).toEqual([{ name: 'vault.locked', payload: { environmentId: airlock.services.environments.defaultId() } }]);
    stop();
  });
});
