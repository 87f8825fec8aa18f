// Shared pieces for the SSH route tests: a connector that dials loopback only (these tests never reach any
// other address), a logger that records what the route logged (to scan for key material), a store in a temp
// folder, and a helper that returns a promise's typed failure.
import { mkdtemp } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AirlockError } from '../../../../shared/errors/airlock-error';
import type { LogFields, Logger, LogLevel } from '../../../../electron/services/ports';

/** Dials 127.0.0.1 only; anything else is a test bug and throws before a packet leaves. */
export const loopbackConnector = {
  connect(host: string, port: number): Socket {
    if (host !== '127.0.0.1') throw new Error(`tests dial loopback only, not ${host}`);
    return connect({ host, port });
  },
};

export function recordingLogger(): Logger & { readonly lines: Array<{ level: LogLevel; event: string; fields?: LogFields }> } {
  const lines: Array<{ level: LogLevel; event: string; fields?: LogFields }> = [];
  return { lines, log: (level, event, fields) => void lines.push({ level, event, ...(fields ? { fields } : {}) }) };
}

export async function failureOf(promise: Promise<unknown>): Promise<AirlockError> {
  try {
    await promise;
  } catch (error) {
    return error as AirlockError;
  }
  throw new Error('expected a failure');
}

export function tempFolder(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}
