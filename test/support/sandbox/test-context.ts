// Builds a SandboxContext for one test file: a fresh state directory, the default seed (optionally
// changed), the real CA, a log that records events, and a clock the test controls.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SandboxContext } from '../../../sandbox/context';
import { openCertificateAuthority } from '../../../sandbox/pki/certificate-authority';
import { loadSeed } from '../../../sandbox/seed/load-seed';
import type { Seed } from '../../../sandbox/seed/seed-schema';

export interface TestContext extends SandboxContext {
  readonly events: Array<{ event: string; fields: Record<string, unknown> | undefined }>;
  /** Moves the sandbox's clock; time never passes on its own in tests. */
  advance(ms: number): void;
}

export async function createTestContext(options: { seed?: (seed: Seed) => Seed; now?: Date } = {}): Promise<TestContext> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-sandbox-'));
  const base = await loadSeed();
  const seed = options.seed ? options.seed(structuredClone(base)) : base;
  let now = (options.now ?? new Date()).getTime();
  const events: TestContext['events'] = [];
  const ca = await openCertificateAuthority(stateDir, () => new Date(now));
  return {
    stateDir,
    seed,
    ca,
    host: '127.0.0.1',
    now: () => new Date(now),
    log: (event, fields) => void events.push({ event, fields }),
    events,
    advance(ms) {
      now += ms;
    },
  };
}
