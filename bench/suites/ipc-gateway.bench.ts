// Cost of Airlock's IPC door for one call: structured clone in, sender check, zod validation of request
// and response, the guard (policy decision, two durable audit records), clone out — against calling the same
// service method directly. The guard's own share is measured apart in guard-overhead.bench.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { APP_ORIGIN, createAirlock, createMemoryKeychain, silentLogger, systemClock } from '../../electron/services';
import type { BenchSuite } from '../suite';

const suite: BenchSuite = {
  id: 'ipc-gateway',
  title: 'IPC gateway overhead (app.info)',
  // 0.1 ms for the door itself (its goal before the guard) plus the guard's own goal of 1 ms.
  goal: 'Airlock p50 within 1.1 ms of a direct call (door 0.1 ms + guard and audit 1 ms)',
  goalMet: (baseline, airlock) => airlock.p50 - baseline.p50 <= 1.1,
  iterations: 5_000,
  warmup: 500,
  async setup() {
    const airlock = createAirlock(
      { runtime: { version: '0.1.0', build: 'production', runtime: 'node', platform: process.platform, arch: process.arch } },
      {
        clock: systemClock,
        logger: silentLogger,
        identity: { openBrowser: async () => undefined, keychain: createMemoryKeychain(), userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-bench-')) },
      },
    );
    const gateway = airlock.gateway('electron', APP_ORIGIN);
    const caller = { url: 'app://bundle/index.html', isMainFrame: true };
    return {
      baseline: { name: 'direct service call', run: async () => void (await airlock.services.app.info()) },
      airlock: { name: 'gateway.call (guarded) + clones', run: async () => void structuredClone(await gateway.call('app.info', structuredClone(undefined), caller)) },
      teardown: () => airlock.dispose(),
    };
  },
};

export default suite;
