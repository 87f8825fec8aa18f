// The airlock command line: `airlock <command> [<subcommand>] [--flag value …] [--json]`, `airlock help`,
// `--help`/`-h` on every command and subcommand. Every mistake becomes one plain sentence for main.ts to print
// above the usage of the command it was about (exit 2). Pure: it never throws, loads the services or touches
// the disk, so a wrong argument is answered at once. Flags and usage texts come from the command table.
import { isGroup, type CliCommand, type CliOptions, type CommandGroup } from './cli-command';
import { COMMANDS } from './commands';
import { commandUsage, groupUsage, USAGE } from './usage';

export { USAGE } from './usage';

export type CommandLine =
  | { readonly kind: 'run'; readonly command: readonly string[]; readonly run: CliCommand; readonly json: boolean; readonly options: CliOptions; readonly environment?: string }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'usage-error'; readonly message: string; readonly usage: string };

type Resolved = { kind: 'command'; path: string[]; command: CliCommand; argument?: string } | { kind: 'group'; path: string[]; group: CommandGroup } | { kind: 'error'; message: string; usage: string };

/** The flag every command takes: which environment to act in (an id or name, or an environment file). */
export const ENVIRONMENT_FLAG = 'environment';

/** Flags that take a value in any command (long names, and one-letter forms): their value is not a command word. */
const VALUE_FLAGS = new Set<string>([ENVIRONMENT_FLAG]);
const SHORT_VALUE_FLAGS = new Set<string>();
for (const entry of Object.values(COMMANDS)) {
  for (const command of isGroup(entry) ? Object.values(entry.subcommands) : [entry]) {
    for (const [name, spec] of Object.entries(command.flags ?? {})) {
      if (spec.switch) continue;
      VALUE_FLAGS.add(name);
      if (spec.short) SHORT_VALUE_FLAGS.add(`-${spec.short}`);
    }
  }
}

/** A command, and the one word after it when it takes one (`env add <file>`); any other word is a mistake. */
function commandWith(path: string[], command: CliCommand, rest: readonly string[]): Resolved {
  const [argument, extra] = command.argument ? rest : [undefined, rest[0]];
  if (extra !== undefined) return { kind: 'error', message: `unexpected argument ${extra}`, usage: commandUsage(path, command) };
  return { kind: 'command', path, command, ...(argument === undefined ? {} : { argument }) };
}

function resolve(words: readonly string[], help: boolean): Resolved {
  const [name, sub] = words;
  if (name === undefined || name === 'help') return words.length > 1 ? { kind: 'error', message: `unexpected argument ${words[1]!}`, usage: USAGE } : { kind: 'error', message: '', usage: USAGE };
  if (!Object.hasOwn(COMMANDS, name)) return { kind: 'error', message: `unknown command ${name}`, usage: USAGE };
  const entry = COMMANDS[name]!;
  if (!isGroup(entry)) return commandWith([name], entry, words.slice(1));
  // A bare group runs its default subcommand, if it has one (with --help: the group's usage).
  if (sub === undefined && entry.default !== undefined && !help) return commandWith([name, entry.default], entry.subcommands[entry.default]!, []);
  if (sub === undefined) return { kind: 'group', path: [name], group: entry };
  if (!Object.hasOwn(entry.subcommands, sub)) return { kind: 'error', message: `unknown ${name} command ${sub} (${Object.keys(entry.subcommands).join(', ')})`, usage: groupUsage(name, entry) };
  return commandWith([name, sub], entry.subcommands[sub]!, words.slice(2));
}

function flagName(arg: string): string {
  return arg.replace(/^--?/, '').split('=')[0] ?? '';
}

export function parseCommandLine(argv: readonly string[]): CommandLine {
  // First the command words (a value flag's value is not one), then the flags against that command.
  const words: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    // `--` ends the options: what follows is taken as it is (a history id may start with '-').
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('-') && arg !== '-') {
      if ((!arg.includes('=') && VALUE_FLAGS.has(flagName(arg)) && arg.startsWith('--')) || SHORT_VALUE_FLAGS.has(arg)) i += 1;
    } else words.push(arg);
  }
  const resolved = resolve(words, help);
  if (resolved.kind === 'error' && resolved.message !== '' && !help) return { kind: 'usage-error', message: resolved.message, usage: resolved.usage };
  if (resolved.kind === 'error' && !help) {
    // No command (or `help`): only --json may stand beside it.
    const ended = argv.indexOf('--');
    const stray = (ended < 0 ? argv : argv.slice(0, ended)).find((arg) => arg.startsWith('-') && arg !== '--json' && arg !== '-');
    if (stray) return { kind: 'usage-error', message: stray.startsWith('--json=') ? '--json takes no value' : `unknown option ${stray.split('=')[0] ?? stray}`, usage: USAGE };
  }
  if (help || resolved.kind === 'error') {
    if (resolved.kind === 'command') return { kind: 'help', text: commandUsage(resolved.path, resolved.command) };
    if (resolved.kind === 'group') return { kind: 'help', text: groupUsage(resolved.path[0]!, resolved.group) };
    return { kind: 'help', text: USAGE };
  }
  if (resolved.kind === 'group') {
    return { kind: 'usage-error', message: `${resolved.path[0]!} needs a command: ${Object.keys(resolved.group.subcommands).join(', ')}`, usage: groupUsage(resolved.path[0]!, resolved.group) };
  }

  const { command, path } = resolved;
  const usage = commandUsage(path, command);
  const fail = (message: string): CommandLine => ({ kind: 'usage-error', message, usage });
  const flags = command.flags ?? {};
  const options: Record<string, string> = {};
  let json = false;
  let environment: string | undefined;
  const shortNames = new Map<string, string>(Object.entries(flags).flatMap(([name, spec]) => (spec.short ? [[`-${spec.short}`, name] as [string, string]] : [])));
  for (let i = 0; i < argv.length; i += 1) {
    const given = argv[i]!;
    if (given === '--') break;
    if (!given.startsWith('-')) continue;
    // `-w ws` is `--workspace ws`: the one-letter form of a flag of this command, never glued (`-wws`).
    const arg = shortNames.has(given) ? `--${shortNames.get(given)!}` : given;
    const name = flagName(arg);
    if (given === '-') continue; // standard input, as a value (`--data -`)
    if (arg === '--json') {
      if (json) return fail('--json is given twice');
      json = true;
    }
    else if (arg.startsWith('--json=')) return fail('--json takes no value');
    else if (arg.startsWith('--') && name === ENVIRONMENT_FLAG) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[(i += 1)];
      if (!value || value.startsWith('-')) return fail(`--${ENVIRONMENT_FLAG} needs an environment name or file`);
      if (environment !== undefined) return fail(`--${ENVIRONMENT_FLAG} is given twice`);
      if (value.length > 4096) return fail(`--${ENVIRONMENT_FLAG} must be at most 4096 characters`);
      environment = value;
    } else if (arg.startsWith('--') && Object.hasOwn(flags, name) && flags[name]!.switch) {
      if (arg.includes('=')) return fail(`--${name} takes no value`);
      if (Object.hasOwn(options, name)) return fail(`--${name} is given twice`);
      options[name] = 'true';
    } else if (arg.startsWith('--') && Object.hasOwn(flags, name)) {
      const spec = flags[name]!;
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[(i += 1)];
      if (!value || (value.startsWith('-') && value !== '-')) return fail(`--${name} needs ${spec.needs}`);
      if (Object.hasOwn(options, name)) return fail(`--${name} is given twice`);
      const problem = spec.check?.(value);
      if (problem) return fail(`--${name} ${problem}`);
      options[name] = value;
    } else return fail(`unknown option ${given.split('=')[0] ?? given}`);
  }
  if (command.argument) {
    if (resolved.argument !== undefined) options[command.argument.name] = resolved.argument;
    else if (!command.argument.optional) return fail(`${path.join(' ')} needs ${command.argument.metavar}`);
  }
  const missing = Object.entries(flags).find(([name, spec]) => spec.required && !Object.hasOwn(options, name));
  if (missing) return fail(`${path.join(' ')} needs --${missing[0]} ${missing[1].metavar}`);
  const problem = command.check?.(options);
  if (problem) return fail(problem);
  return { kind: 'run', command: path, run: command, json, options, ...(environment === undefined ? {} : { environment }) };
}
