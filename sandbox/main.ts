// `npm run sandbox [-- --state-dir DIR --seed FILE --verbose]`: starts the whole sandbox, writes
// DIR/environment.json, prints a short summary, and stops cleanly on Ctrl-C or SIGTERM.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFileLog } from './sandbox-log';
import { startSandbox } from './start-sandbox';
import { summary } from './summary';

const { values } = parseArgs({
  options: {
    'state-dir': { type: 'string', default: '.sandbox' },
    seed: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const stateDir = path.resolve(values['state-dir']);
const started = performance.now();
const { mkdir } = await import('node:fs/promises');
await mkdir(stateDir, { recursive: true, mode: 0o700 });
const log = createFileLog(stateDir, values.verbose);

let sandbox;
try {
  sandbox = await startSandbox({ stateDir, ...(values.seed ? { seedPath: path.resolve(values.seed) } : {}), log });
} catch (error) {
  process.stderr.write(`sandbox: could not start: ${(error as Error).message}\n`);
  await log.close();
  process.exit(1);
}
const running = sandbox;
process.stdout.write(summary(running.environment, running.environmentPath, performance.now() - started));

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) {
    process.stderr.write('sandbox: forced exit\n');
    process.exit(1);
  }
  stopping = true;
  process.stdout.write(`\nsandbox: ${signal} received, stopping…\n`);
  void running
    .stop()
    .then(() => log.close())
    .then(
      () => {
        process.stdout.write('sandbox: stopped\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`sandbox: did not stop cleanly: ${error instanceof Error ? error.message : 'unknown error'}\n`);
        process.exit(1);
      },
    );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
