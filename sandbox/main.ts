// `npm run sandbox [-- --state-dir DIR --seed FILE --vpn on|off --verbose]`: starts the whole sandbox, writes
// DIR/environment.json, prints a short summary, and stops cleanly on Ctrl-C or SIGTERM. A wrong argument is one
// line plus the usage (exit 2); a failure to start is one line (exit 1). Never prints a stack trace.
import { parseCommandLine, prepareStateDir, USAGE } from './command-line';
import { demoUserCode } from './demo-user-code';
import { flipVpn } from './flip-vpn';
import { createFileLog } from './sandbox-log';
import type { RunningSandbox } from './start-sandbox';
import { summary } from './summary';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : 'unknown error');

function usageError(message: string): number {
  process.stderr.write(`sandbox: ${message}\n\n${USAGE}\n`);
  return 2;
}

function stopOnSignals(running: RunningSandbox, log: ReturnType<typeof createFileLog>): void {
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
          process.stderr.write(`sandbox: did not stop cleanly: ${messageOf(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Starts the sandbox and returns null while it runs, or the exit code when it will not. */
async function main(argv: readonly string[]): Promise<number | null> {
  const commandLine = parseCommandLine(argv);
  if (commandLine.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (commandLine.kind === 'usage-error') return usageError(commandLine.message);
  if (commandLine.kind === 'code') {
    const answer = await demoUserCode(commandLine.stateDir, commandLine.user);
    if (answer.ok) process.stdout.write(`${answer.text}\n`);
    else process.stderr.write(`sandbox: ${answer.message}\n`);
    return answer.ok ? 0 : 1;
  }
  if (commandLine.kind === 'vpn') {
    const flipped = await flipVpn(commandLine.stateDir, commandLine.vpn);
    if (flipped.ok) process.stdout.write(`${flipped.text}\n`);
    else process.stderr.write(`sandbox: ${flipped.message}\n`);
    return flipped.ok ? 0 : 1;
  }
  const { stateDir, seedPath, verbose, vpn } = commandLine.options;
  const unusable = await prepareStateDir(stateDir);
  if (unusable) return usageError(unusable);

  const started = performance.now();
  const log = createFileLog(stateDir, verbose);
  let running: RunningSandbox;
  try {
    // Loaded only now: --help and a wrong argument answer at once, without loading every server.
    const { startSandbox } = await import('./start-sandbox');
    running = await startSandbox({ stateDir, ...(seedPath ? { seedPath } : {}), ...(vpn ? { vpn } : {}), log });
  } catch (error) {
    process.stderr.write(`sandbox: could not start: ${messageOf(error)}\n`);
    await log.close();
    return 1;
  }
  // Handlers first, then the banner that says "Press Ctrl-C to stop.": a signal sent the moment it is read (a
  // script, or a test on a busy machine) found no handler yet and killed the process without stopping anything.
  stopOnSignals(running, log);
  process.stdout.write(summary(running.environment, running.environmentPath, performance.now() - started));
  return null;
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== null) process.exitCode = code;
} catch (error) {
  process.stderr.write(`sandbox: ${messageOf(error)}\n`);
  process.exitCode = 1;
}
