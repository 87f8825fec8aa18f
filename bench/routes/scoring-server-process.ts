// The scoring server in a process of its own, where a real endpoint is (on Azure's machines, not in the
// caller's event loop). route-scoring's direct baseline talks to a server in its own thread: a request then
// never waits for another process to be scheduled. Against this one it does, once each way, as anything
// across a network does; its p99 over p50 is what one process boundary costs on this machine, before any
// route adds its own. Loopback only.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { ROOT } from '../../scripts/build';

export interface ScoringServerProcess {
  readonly port: number;
  readonly caPem: string;
  /** An AML token for credit-ep from that server's own issuer. */
  readonly token: string;
  stop(): Promise<void>;
}

export async function startScoringServerProcess(): Promise<ScoringServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/routes/scoring-server-main.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const first = once(createInterface({ input: child.stdout }), 'line') as Promise<[string]>;
    const [line] = await Promise.race([first, exited.then(() => Promise.reject(new Error('the scoring server process exited before it listened')))]);
    const { port, caPem, token } = JSON.parse(line) as { port: number; caPem: string; token: string };
    return { port, caPem, token, stop };
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
}
