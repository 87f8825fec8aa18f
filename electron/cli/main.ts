// The airlock command: the same services as the app, for scripts and support staff. Prints display data
// only (never tokens); failures print the typed error's words and exit 1; a wrong argument is one line plus
// the usage and exit 2. Never prints a stack trace. Commands live in commands.ts (and *-commands.ts).
import os from 'node:os';
import path from 'node:path';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { CliCommand, CliIo, CliOptions } from './cli-command';
import { cliHint } from './cli-hints';
import { parseCommandLine } from './command-line';
import { readData } from './data-source';
import { createEnvironmentStore } from './environment-store';
import { inert, jsonInert } from './inert';
import { cliDoor, stepUpHint } from './step-up-door';
import { openSystemBrowser } from './system-browser';
import { askLine, askSecret, untilStopped } from './terminal';

/** A person at a terminal: who can answer questions (host key, passphrase) and finish a step-up's sign-in. */
const personAtTerminal = (): boolean => Boolean(process.stdin.isTTY && process.stderr.isTTY);

/** `--environment` names a file (rather than an environment's id or name) when it looks like a path. */
const isFile = (given: string): boolean => /[/\\]/.test(given) || given.toLowerCase().endsWith('.json');

async function run(command: CliCommand, json: boolean, options: CliOptions, environmentGiven: string | undefined): Promise<number> {
  // Loaded only now, so that --help and a wrong argument answer without starting the services.
  const { createAirlock, createKeytarKeychain, createStderrLogger, loadEnvironmentFile, silentLogger, systemClock } = await import('../services');
  // The services' JSON log lines only when asked for (AIRLOCK_LOG): a command's output is its result and its one error.
  const cliLogger = () => {
    const level = process.env['AIRLOCK_LOG'];
    return level === 'error' || level === 'warn' || level === 'info' || level === 'debug' ? createStderrLogger(level) : silentLogger;
  };
  const userDataDir = process.env['AIRLOCK_USER_DATA'] ?? path.join(os.homedir(), '.config', 'Airlock');
  const store = createEnvironmentStore({ userDataDir, loadEnvironmentFile, now: () => new Date() });
  // Extra environments, first wins for one id: a file given with --environment (it becomes the default), the
  // file `npm start` hands over (the local sandbox, as in the app's development builds), then those `env add` remembers.
  const given = environmentGiven !== undefined && isFile(environmentGiven) ? await loadEnvironmentFile(path.resolve(environmentGiven)) : null;
  const devFile = process.env['AIRLOCK_DEV_ENVIRONMENT_FILE'];
  const candidates = [...(given ? [given] : []), ...(devFile ? [await loadEnvironmentFile(devFile)] : []), ...(await store.load()).environments];
  const extraEnvironments = candidates.filter((e, i) => candidates.findIndex((c) => c.id === e.id) === i);
  // Files a command writes go where the user says: --out FILE, else a new file in the folder they run it in.
  const chosenFile = async (name: string) => path.resolve(options['out'] ?? name);
  const keychain = createKeytarKeychain();
  const airlock = createAirlock(
    {
      runtime: { version: process.env['npm_package_version'] ?? '0.1.0', build: 'development', runtime: 'cli', platform: process.platform, arch: process.arch },
      ...(extraEnvironments.length > 0 ? { extraEnvironments } : {}),
    },
    {
      clock: systemClock,
      logger: cliLogger(),
      identity: { openBrowser: openSystemBrowser, keychain, userDataDir },
      diagnosticsTarget: chosenFile,
      auditExportTarget: chosenFile,
      // `airlock test-run --csv FILE`: the file named there (the export request itself names no path).
      testRunExportTarget: async (name) => path.resolve(options['csv'] ?? name),
    },
  );
  // Progress (audit verify) only for a person at a terminal, on stderr, so stdout stays the result.
  // Questions (host key, passphrase) likewise only when a person can answer them; a script is refused in words.
  const person = personAtTerminal();
  // JSON strings stay exact but cannot act on a terminal (control and bidi characters as \uXXXX).
  const print = (value: unknown, text: string, compact = false) => void process.stdout.write(json ? `${jsonInert(value, compact ? undefined : 2)}\n` : text);
  const io: CliIo = {
    ...(process.stderr.isTTY ? { progress: (line: string) => void process.stderr.write(`\r${line}\u001b[K`) } : {}),
    ...(person ? { ask: askLine, askSecret } : {}),
    events: airlock.events,
    announce: print,
    event: (value, text) => print(value, text, true),
    waitForStop: untilStopped,
    ...(environmentGiven === undefined ? {} : { environment: given?.id ?? environmentGiven }),
    environments: store,
    keychain: async () => {
      const status = await keychain.backend();
      return status.available ? { available: true } : { available: false, reason: status.reason };
    },
    readData: (source) => readData(source),
    note: (line) => void process.stderr.write(`airlock: note: ${inert(line, 500)}\n`),
  };
  try {
    // A trusted in-process caller, through the same guard as the app (policy decision, audit records).
    // A step-up (claims challenge, MFA required) is answered as the app's dialog does, where a person can: the
    // browser prompt, then the call again. In a script it is the command's error at once (no browser left waiting).
    const door = cliDoor(airlock.inProcess('cli'), { person, say: (line) => void process.stderr.write(`${inert(line, 500)}\n`) });
    const result = await command.run(door, options, io);
    if (!(json && result.printed)) print(result.value, result.text, result.compact);
    return result.exitCode;
  } finally {
    await airlock.dispose();
  }
}

/** The error's facts a person needs besides its words: where a payload went wrong, how large it was. */
function detailLines(error: AirlockError): string[] {
  const d = (error.details ?? {}) as Record<string, unknown>;
  if (error.code === 'E_PAYLOAD_INVALID') {
    return [
      ...(typeof d['pointer'] === 'string' ? [`  at ${inert(d['pointer'] || '(the whole body)', 256)}${typeof d['keyword'] === 'string' ? `: breaks '${inert(d['keyword'], 64)}'` : ''}`] : []),
      ...(typeof d['problems'] === 'number' && d['problems'] > 1 ? [`  ${d['problems']} places in all`] : []),
      ...(typeof d['reason'] === 'string' && typeof d['pointer'] !== 'string' ? [`  reason: ${inert(d['reason'], 64)}`] : []),
    ];
  }
  if (error.code === 'E_PAYLOAD_TOO_LARGE' && typeof d['bytes'] === 'number' && typeof d['limitBytes'] === 'number') return [`  ${d['bytes']} bytes; the limit is ${d['limitBytes']}`];
  if (error.code === 'E_CONFIG_INVALID' && typeof d['field'] === 'string') return [`  field: ${inert(d['field'], 64)}`];
  return [];
}

async function main(argv: readonly string[]): Promise<number> {
  const commandLine = parseCommandLine(argv);
  if (commandLine.kind === 'help') {
    process.stdout.write(`${commandLine.text}\n`);
    return 0;
  }
  if (commandLine.kind === 'usage-error') {
    process.stderr.write(`airlock: ${inert(commandLine.message, 500)}\n\n${commandLine.usage}\n`);
    return 2;
  }
  try {
    return await run(commandLine.run, commandLine.json, commandLine.options, commandLine.environment);
  } catch (thrown) {
    const error = thrown instanceof AirlockError ? thrown : new AirlockError('E_INTERNAL');
    const hint = error.code === 'E_STEP_UP_REQUIRED' ? stepUpHint(personAtTerminal()) : cliHint(error.code, error.hint);
    const lines = [`airlock: ${inert(error.message, 2000)}`, ...detailLines(error), ...(hint ? [`  ${inert(hint, 1000)}`] : []), `  (${error.code})`];
    process.stderr.write(`${lines.join('\n')}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
