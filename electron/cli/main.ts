// The airlock command: the same services as the app, for scripts and support staff. Prints display data
// only (never tokens); failures print the typed error's words and exit 1; a wrong argument is one line plus
// the usage and exit 2. Never prints a stack trace. Commands live in commands.ts.
import os from 'node:os';
import path from 'node:path';
import { AirlockError } from '../../shared/errors/airlock-error';
import { parseCommandLine, USAGE } from './command-line';
import { COMMANDS, type CliCommand, type CliOptions, type CommandName } from './commands';

async function run(command: CommandName, json: boolean, options: CliOptions): Promise<number> {
  // Loaded only now, so that --help and a wrong argument answer without starting the services.
  const { createAirlock, createKeytarKeychain, createStderrLogger, systemClock } = await import('../services');
  const airlock = createAirlock(
    { runtime: { version: process.env['npm_package_version'] ?? '0.1.0', build: 'development', runtime: 'cli', platform: process.platform, arch: process.arch } },
    {
      clock: systemClock,
      logger: createStderrLogger('warn'),
      identity: {
        // The CLI never launches a browser itself; it shows where to sign in.
        openBrowser: async (url) => void process.stderr.write(`Open this address to sign in: ${url}\n`),
        keychain: createKeytarKeychain(),
        userDataDir: process.env['AIRLOCK_USER_DATA'] ?? path.join(os.homedir(), '.config', 'Airlock'),
      },
      // `airlock diagnostics`: --out FILE, else the default name in the folder the user runs it in.
      diagnosticsTarget: async (name) => path.resolve(options.out ?? name),
    },
  );
  try {
    // A trusted in-process caller, through the same guard as the app (policy decision, audit records).
    const chosen: CliCommand = COMMANDS[command];
    const result = await chosen.run(airlock.inProcess('cli'), options);
    process.stdout.write(json ? `${JSON.stringify(result.value, null, 2)}\n` : result.text);
    return result.exitCode;
  } finally {
    await airlock.dispose();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const commandLine = parseCommandLine(argv);
  if (commandLine.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (commandLine.kind === 'usage-error') {
    process.stderr.write(`airlock: ${commandLine.message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await run(commandLine.command, commandLine.json, commandLine.options ?? {});
  } catch (thrown) {
    const error = thrown instanceof AirlockError ? thrown : new AirlockError('E_INTERNAL');
    process.stderr.write(`airlock: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}  (${error.code})\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
