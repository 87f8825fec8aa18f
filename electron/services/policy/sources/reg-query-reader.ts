// The real RegistryReader: runs Windows' own reg.exe (by its full System32 path, so PATH cannot substitute
// another program) with `query <key> /reg:64` and parses what it prints. Runs only on Windows — anywhere
// else it refuses before starting anything. Reads values, never writes; no shell.
import { execFile } from 'node:child_process';
import type { RegistryReader, RegistryValue } from './registry-source';

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}
export type RunProcess = (file: string, args: readonly string[]) => Promise<ProcessResult>;

export interface RegQueryReaderOptions {
  readonly platform?: NodeJS.Platform;
  /** How to run reg.exe; tests pass a fake. */
  readonly run?: RunProcess;
}

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

function dataOf(type: string, text: string): RegistryValue['data'] {
  if (type === 'REG_DWORD' || type === 'REG_QWORD') {
    const n = /^0x[0-9a-fA-F]+$/.test(text) ? BigInt(text) : null;
    return n !== null && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : text;
  }
  if (type === 'REG_MULTI_SZ') {
    const items = text.split('\\0');
    while (items.length > 0 && items[items.length - 1] === '') items.pop();
    return items;
  }
  return text;
}

/** The values of the first key in `reg query` output; subkeys (later key lines) are ignored. */
export function parseRegQueryOutput(stdout: string): RegistryValue[] {
  const values: RegistryValue[] = [];
  let keys = 0;
  for (const line of stdout.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      if (++keys > 1) break;
      continue;
    }
    const m = VALUE_LINE.exec(line);
    if (m && keys === 1) values.push({ name: m[1] as string, type: m[2] as string, data: dataOf(m[2] as string, m[3] ?? '') });
  }
  return values;
}

const runExecFile: RunProcess = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { windowsHide: true, encoding: 'utf8', maxBuffer: 2 * 1024 * 1024, timeout: 15_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });

export function createRegQueryReader(options: RegQueryReaderOptions = {}): RegistryReader {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runExecFile;
  return {
    async read(key) {
      if (platform !== 'win32') throw new Error('The registry policy reader runs only on Windows.');
      const regExe = `${process.env['SystemRoot'] ?? 'C:\\Windows'}\\System32\\reg.exe`;
      const result = await run(regExe, ['query', key, '/reg:64']);
      if (result.code === 0) return parseRegQueryOutput(result.stdout);
      if (result.code === 1 && /unable to find/i.test(result.stderr)) return null;
      throw new Error('reg query failed');
    },
  };
}
