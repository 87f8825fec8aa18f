// The airlock command: the same services as the app, for scripts and support staff. Prints display data
// only (never tokens); failures print the typed error's words and exit 1; a wrong argument is one line plus
// the usage and exit 2. Never prints a stack trace. Commands live in commands.ts (and *-commands.ts).
import os from 'node:os';
import path from 'node:path';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { CliCommand, CliIo, CliOptions } from './cli-command';
import { parseCommandLine } from './command-line';
import { askLine, askSecret, untilStopped } from './terminal';

async function run(command: CliCommand, json: boolean, options: CliOptions): Promise<number> {
  // Loaded only now, so that --help and a wrong argument answer without starting the services.
  const { createAirlock, createKeytarKeychain, createStderrLogger, loadEnvironmentFile, systemClock } = await import('../services');
  // The environment file `npm start` hands over (the local sandbox), as in the app's development builds.
  const environmentFile = process.env['AIRLOCK_DEV_ENVIRONMENT_FILE'];
  // Files a command writes go where the user says: --out FILE, else a new file in the folder they run it in.
  const chosenFile = async (name: string) => path.resolve(options['out'] ?? name);
  const airlock = createAirlock(
    {
      runtime: { version: process.env['npm_package_version'] ?? '0.1.0', build: 'development', runtime: 'cli', platform: process.platform, arch: process.arch },
      ...(environmentFile ? { extraEnvironments: [await loadEnvironmentFile(environmentFile)] } : {}),
    },
    {
      clock: systemClock,
      logger: createStderrLogger('warn'),
      identity: {
        // The CLI never launches a browser itself; it shows where to sign in.
        openBrowser: async (url) => void process.stderr.write(`Open this address to sign in: ${url}\n`),
        keychain: createKeytarKeychain(),
        userDataDir: process.env['AIRLOCK_USER_DATA'] ?? path.join(os.homedir(), '.config', 'Airlock'),
      },
      diagnosticsTarget: chosenFile,
      auditExportTarget: chosenFile,
    },
  );
  // Progress (audit verify) only for a person at a terminal, on stderr, so stdout stays the result.
  // Questions (host key, passphrase) likewise only when a person can answer them; a script is refused in words.
  const person = process.stdin.isTTY && process.stderr.isTTY;
  const print = (value: unknown, text: string) => void process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
  const io: CliIo = {
    ...(process.stderr.isTTY ? { progress: (line: string) => void process.stderr.write(`\r${line}\u001b[K`) } : {}),
    ...(person ? { ask: askLine, askSecret } : {}),
    events: airlock.events,
    announce: print,
    waitForStop: untilStopped,
  };
  try {
    // A trusted in-process caller, through the same guard as the app (policy decision, audit records).
    const result = await command.run(airlock.inProcess('cli'), options, io);
    if (!(json && result.printed)) print(result.value, result.text);
    return result.exitCode;
  } finally {
    await airlock.dispose();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const commandLine = parseCommandLine(argv);
  if (commandLine.kind === 'help') {
    process.stdout.write(`${commandLine.text}\n`);
    return 0;
  }
  if (commandLine.kind === 'usage-error') {
    process.stderr.write(`airlock: ${commandLine.message}\n\n${commandLine.usage}\n`);
    return 2;
  }
  try {
    return await run(commandLine.run, commandLine.json, commandLine.options);
  } catch (thrown) {
    const error = thrown instanceof AirlockError ? thrown : new AirlockError('E_INTERNAL');
    process.stderr.write(`airlock: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}  (${error.code})\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
