// The airlock command: the same services as the app, for scripts and support staff. Prints display data
// only (never tokens); failures print the typed error's words and exit 1; usage errors exit 2.
import os from 'node:os';
import path from 'node:path';
import { createAirlock, createKeytarKeychain, createStderrLogger, systemClock } from '../services';
import { AirlockError } from '../../shared/errors/airlock-error';
import { formatHealth, formatInfo } from './format';

const USAGE = `Usage: airlock <command> [--json]

Commands:
  info      Version, platform and the environments this Airlock knows
  health    Whether Airlock's services are up
  help      This text`;

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const [command = 'help', ...rest] = argv.filter((a) => a !== '--json');
  if (rest.length > 0 || !['info', 'health', 'help'].includes(command)) {
    process.stderr.write(`airlock: unknown command or argument: ${[command, ...rest].join(' ')}\n\n${USAGE}\n`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

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
    },
  );
  try {
    const value = command === 'info' ? await airlock.handlers.app.info(undefined) : await airlock.handlers.app.health(undefined);
    process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : command === 'info' ? formatInfo(value as never) : formatHealth(value as never));
    return command === 'health' && (value as { status: string }).status === 'failing' ? 1 : 0;
  } catch (thrown) {
    const error = thrown instanceof AirlockError ? thrown : new AirlockError('E_INTERNAL');
    process.stderr.write(`airlock: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}  (${error.code})\n`);
    return 1;
  } finally {
    await airlock.dispose();
  }
}

process.exitCode = await main(process.argv.slice(2));
