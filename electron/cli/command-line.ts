// The airlock command line: `airlock <command> [--json]`, `airlock help`, `--help`/`-h` anywhere. Every
// mistake becomes one plain sentence for main.ts to print above the usage (exit 2). Pure: it never throws,
// loads the services or touches the disk, so a wrong argument is answered at once.
import { COMMANDS, isCommandName, type CommandName } from './commands';

const row = ([name, summary]: readonly [string, string]): string => `  ${name.padEnd(10)}  ${summary}`;

export const USAGE = [
  'Usage: airlock <command> [--json]',
  '',
  'Commands:',
  ...Object.entries(COMMANDS).map(([name, command]) => row([name, command.summary])),
  row(['help', 'This text']),
  '',
  'Options:',
  row(['--json', 'Print the result as JSON']),
  row(['-h, --help', 'This text']),
].join('\n');

export type CommandLine =
  | { readonly kind: 'run'; readonly command: CommandName; readonly json: boolean }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

const usageError = (message: string): CommandLine => ({ kind: 'usage-error', message });

export function parseCommandLine(argv: readonly string[]): CommandLine {
  let json = false;
  const words: string[] = [];
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--json') json = true;
    else if (arg.startsWith('--json=')) return usageError('--json takes no value');
    else if (arg.startsWith('-')) return usageError(`unknown option ${arg.split('=')[0] ?? arg}`);
    else words.push(arg);
  }
  const [command = 'help', extra] = words;
  if (command !== 'help' && !isCommandName(command)) return usageError(`unknown command ${command}`);
  if (extra !== undefined) return usageError(`unexpected argument ${extra}`);
  return command === 'help' ? { kind: 'help' } : { kind: 'run', command, json };
}
