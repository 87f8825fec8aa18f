// How long `npm run sandbox` takes to be ready (every server listening, environment.json written), against
// the floor: a bare Node process that starts one HTTPS server and says so. Both are started the same way
// (node --import tsx) and timed from spawn to their ready line. The goal from the sandbox issue: < 3 s.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../scripts/build';
import type { BenchSuite } from '../suite';

function runUntilReady(args: string[], readyText: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!ready && out.includes(readyText)) {
        ready = true;
        child.kill('SIGTERM');
      }
    });
    child.on('exit', () => (ready ? resolve() : reject(new Error(`not ready: ${out.slice(-500)}`))));
  });
}

const BARE_HTTPS = `
import https from 'node:https';
const server = https.createServer({}, (_q, r) => r.end('ok'));
server.listen(0, '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

const suite: BenchSuite = {
  id: 'sandbox-start',
  title: 'Sandbox start to ready (warm state dir)',
  goal: 'Airlock sandbox p50 < 3 s',
  goalMet: (_baseline, airlock) => airlock.p50 < 3000,
  iterations: 5,
  warmup: 1,
  async setup() {
    const dir = await mkdtemp(path.join(tmpdir(), 'airlock-bench-sandbox-'));
    const bare = path.join(dir, 'bare-https.ts');
    await writeFile(bare, BARE_HTTPS);
    const stateDir = path.join(dir, 'state');
    return {
      baseline: { name: 'bare node HTTPS server', run: () => runUntilReady([bare], 'ready') },
      airlock: { name: 'npm run sandbox', run: () => runUntilReady(['sandbox/main.ts', '--state-dir', stateDir], 'Press Ctrl-C to stop.') },
      teardown: async () => undefined,
    };
  },
};

export default suite;
