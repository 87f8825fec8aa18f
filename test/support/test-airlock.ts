// Builds the real composition root with a fixed clock and a capturing logger, for tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAirlock, createMemoryKeychain, type Airlock, type Clock, type Logger } from '../../electron/services';
import type { LogFields, LogLevel } from '../../electron/services/ports';

export interface CapturedLog {
  level: LogLevel;
  event: string;
  fields: LogFields | undefined;
}

export function capturingLogger(): Logger & { entries: CapturedLog[] } {
  const entries: CapturedLog[] = [];
  return { entries, log: (level, event, fields) => void entries.push({ level, event, fields }) };
}

export function fixedClock(iso = '2026-11-23T12:00:00.000Z'): Clock & { advance(ms: number): void } {
  let mono = 1000;
  let wall = Date.parse(iso);
  return {
    now: () => new Date(wall),
    monotonicMs: () => mono,
    advance(ms) {
      mono += ms;
      wall += ms;
    },
  };
}

export function testAirlock(options: { logger?: Logger; clock?: Clock } = {}): Airlock {
  return createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' } },
    {
      clock: options.clock ?? fixedClock(),
      logger: options.logger ?? capturingLogger(),
      identity: { openBrowser: async () => undefined, keychain: createMemoryKeychain(), userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-test-')) },
    },
  );
}
