// Runs the sandbox as its own process (it is a separate program) for `npm start` and `npm run preview`:
// waits for its ready line, returns the environment.json it wrote, and stops it with SIGTERM. The child never
// outlives this process: if this process exits without stopping it (a crash, process.exit), an exit hook
// sends it SIGTERM.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './build';

export interface SandboxProcess {
  readonly environmentPath: string;
  stop(): Promise<void>;
}

export const DEFAULT_SANDBOX_STATE_DIR = path.join(ROOT, '.sandbox');

export function startSandboxProcess(stateDir = DEFAULT_SANDBOX_STATE_DIR): Promise<SandboxProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'sandbox/main.ts'), '--state-dir', stateDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stopOnExit = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    };
    process.once('exit', stopOnExit);
    let out = '';
    let err = '';
    const exited = new Promise<void>((done) =>
      child.once('exit', () => {
        process.removeListener('exit', stopOnExit);
        done();
      }),
    );
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('Press Ctrl-C to stop.')) return;
      resolve({
        environmentPath: path.join(stateDir, 'environment.json'),
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`the sandbox did not start (exit ${code}): ${lastLines(err)}`)));
  });
}

/** The sandbox's last words on stderr as one line (its own warnings about the Node version left out). */
function lastLines(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('oidc-provider WARNING'));
  return lines.slice(-2).join(' ').slice(0, 300) || 'no reason given';
}
