// Builds the real composition root with a fixed clock and a capturing logger, for tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAirlock, createMemoryKeychain, type Airlock, type Clock, type GuardPorts, type Keychain, type Logger } from '../../electron/services';
import type { HandlerReplacements } from '../../electron/services/gateway';
import { buildAirlockApi } from '../../shared/contract/api-builder';
import type { AirlockApi } from '../../shared/contract/contract';
import type { IpcResult } from '../../shared/contract/result';
import { AirlockError } from '../../shared/errors/airlock-error';
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

/**
 * `replacements` stub handlers (they still run behind the guard); `guard` gives the guard fakes. The policy is
 * the bundled default unless a test says otherwise: never this machine's own /etc/airlock.
 */
export function testAirlock(options: { logger?: Logger; clock?: Clock; replacements?: HandlerReplacements; guard?: GuardPorts; identity?: { keychain?: Keychain } } = {}): Airlock {
  return createAirlock(
    { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' } },
    {
      clock: options.clock ?? fixedClock(),
      logger: options.logger ?? capturingLogger(),
      identity: { openBrowser: async () => undefined, keychain: options.identity?.keychain ?? createMemoryKeychain(), userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-test-')) },
      guard: { policySource: null, ...options.guard },
    },
    options.replacements,
  );
}

/** The contract's calls with results unwrapped: a failure rejects with the typed AirlockError. */
export type ContractCalls = {
  readonly [S in keyof AirlockApi]: {
    readonly [M in keyof AirlockApi[S]]: AirlockApi[S][M] extends (...args: infer A) => Promise<IpcResult<infer O>> ? (...args: A) => Promise<O> : never;
  };
};

/**
 * Calls the contract as a trusted in-process caller (host 'test'): through the same door, guard and audit as
 * the app's calls — tests no longer reach handlers around the guard.
 */
export function through(airlock: Airlock): ContractCalls {
  const door = airlock.inProcess('test');
  return buildAirlockApi(async (channel, request) => {
    const result = await door.call(channel, request);
    if (!result.ok) throw AirlockError.fromShape(result.error);
    return result.value;
  }) as ContractCalls;
}
