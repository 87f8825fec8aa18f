// The whole sandbox in its own process, as `npm run sandbox` runs it: for benches where the far side must not
// share the client's thread. A real scoring endpoint runs on Azure's machines, not in the caller's event loop;
// in one thread, every microsecond the sandbox's IdP, ARM and scoring host spend is time the client under test
// cannot use, and a throughput figure then mixes both sides' costs. Here the sandbox gets its own process (on a
// 2-core machine, in effect its own core) and the bench process holds only the clients it compares.
// Loopback only, as always: the sandbox listens on 127.0.0.1 and maps its private names to loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SandboxEnvironment } from '../../sandbox/environment/environment-file';
import { loadSeed } from '../../sandbox/seed/load-seed';
import type { Seed } from '../../sandbox/seed/seed-schema';
import { ROOT } from '../../scripts/build';

export interface SandboxProcess {
  readonly environmentPath: string;
  readonly environment: SandboxEnvironment;
  /** The seed it serves (the caller's changes applied). */
  readonly seed: Seed;
  readonly caPem: string;
  /** Its process id, for CPU figures (/proc/<pid>/stat). */
  readonly pid: number;
  stop(): Promise<void>;
}

const BANNER = 'Press Ctrl-C to stop.';

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

export async function startSandboxProcess(options: { seed?: (seed: Seed) => Seed } = {}): Promise<SandboxProcess> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-bench-sandbox-'));
  const seed = options.seed ? options.seed(await loadSeed()) : await loadSeed();
  const seedPath = path.join(stateDir, 'seed.json');
  await writeFile(seedPath, JSON.stringify(seed), { mode: 0o600 });
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', '--state-dir', path.join(stateDir, 'state'), '--seed', seedPath], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes(BANNER)) resolve();
      });
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the sandbox process exited (${code}) before it was up: ${err.trim().slice(-400)}`)));
    });
    const environmentPath = path.join(stateDir, 'state', 'environment.json');
    const environment = JSON.parse(await readFile(environmentPath, 'utf8')) as SandboxEnvironment;
    const caPem = await readFile(environment.caCertPath, 'utf8');
    return {
      environmentPath,
      environment,
      seed,
      caPem,
      pid: child.pid!,
      async stop() {
        child.kill('SIGTERM');
        await exited(child);
        await rm(stateDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await exited(child);
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null where there is no /proc. */
export async function processCpuMs(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, inside parentheses): utime is the 14th field, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / 100 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
