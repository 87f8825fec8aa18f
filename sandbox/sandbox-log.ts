// The sandbox's log: one JSON line per event in <state-dir>/sandbox.log, optionally echoed to stderr.
// Callers pass names and ids only; passwords, keys, codes and tokens never go into an event.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { SandboxLog } from './context';

export function createFileLog(stateDir: string, echo: boolean): SandboxLog & { close(): Promise<void> } {
  const stream = createWriteStream(path.join(stateDir, 'sandbox.log'), { flags: 'a', mode: 0o600 });
  // A full disk must not take the sandbox down; the log is best effort.
  stream.on('error', () => undefined);
  const log = (event: string, fields: Record<string, unknown> = {}) => {
    const line = JSON.stringify({ ...fields, t: new Date().toISOString(), event });
    stream.write(`${line}\n`);
    if (echo) process.stderr.write(`${line}\n`);
  };
  return Object.assign(log, { close: () => new Promise<void>((resolve) => stream.end(resolve)) });
}
