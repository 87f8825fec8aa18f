// Cost of the guard on one action: the request context, the policy decision and the two audit records
// (decision, outcome; each durable before the call goes on), against the same handler unguarded (the
// contract's input and output checks around the same service call, nothing else). Uses the composition
// root's own policy decision point and audit trail, so the figure is the shipped path's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAirlock, createMemoryKeychain, silentLogger, systemClock } from '../../electron/services';
import { contract } from '../../shared/contract/contract';
import type { BenchSuite } from '../suite';

const suite: BenchSuite = {
  id: 'guard-overhead',
  title: 'Guard + audit on one action (app.info)',
  goal: 'Airlock p50 within 1 ms of the same handler unguarded',
  goalMet: (baseline, airlock) => airlock.p50 - baseline.p50 <= 1,
  iterations: 3_000,
  warmup: 300,
  async setup() {
    const airlock = createAirlock(
      { runtime: { version: '0.1.0', build: 'production', runtime: 'node', platform: process.platform, arch: process.arch } },
      {
        clock: systemClock,
        logger: silentLogger,
        identity: { openBrowser: async () => undefined, keychain: createMemoryKeychain(), userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-bench-guard-')) },
      },
    );
    const door = airlock.inProcess('test');
    const spec = contract['app.info'];
    return {
      baseline: {
        name: 'handler unguarded (schemas + service)',
        async run() {
          spec.input.parse(undefined);
          spec.output.parse(await airlock.services.app.info());
        },
      },
      airlock: {
        name: 'guarded door (context, decision, 2 audit records)',
        async run() {
          const result = await door.call('app.info', undefined);
          if (!result.ok) throw new Error(`app.info refused: ${result.error.code}`);
        },
      },
      teardown: () => airlock.dispose(),
    };
  },
};

export default suite;
