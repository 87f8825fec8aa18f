// The airlock command line: `airlock <command> [--json]`, `airlock help`, `--help`/`-h` anywhere. Every
// mistake becomes one plain sentence for main.ts to print above the usage (exit 2). Pure: it never throws,
// loads the services or touches the disk, so a wrong argument is answered at once.
import { COMMANDS, isCommandName, type CliOptions, type CommandName } from './commands';

const row = ([name, summary]: readonly [string, string]): string => `  ${name.padEnd(11)}  ${summary}`;

export const USAGE = [
  'Usage: airlock <command> [--json]',
  '',
  'Commands:',
  ...Object.entries(COMMANDS).map(([name, command]) => row([name, command.summary])),
  row(['help', 'This text']),
  '',
  'Options:',
  row(['--json', 'Print the result as JSON']),
  row(['--out FILE', 'Where diagnostics writes its file']),
  row(['-h, --help', 'This text']),
].join('\n');

export type CommandLine =
  | { readonly kind: 'run'; readonly command: CommandName; readonly json: boolean; readonly options?: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

const usageError = (message: string): CommandLine => ({ kind: 'usage-error', message });

export function parseCommandLine(argv: readonly string[]): CommandLine {
  let json = false;
  let out: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--out' || arg.startsWith('--out=')) {
      out = arg === '--out' ? argv[(i += 1)] : arg.slice('--out='.length);
      if (!out || out.startsWith('-')) return usageError('--out needs a file name');
    } else if (arg === '--json') json = true;
    else if (arg.startsWith('--json=')) return usageError('--json takes no value');
    else if (arg.startsWith('-')) return usageError(`unknown option ${arg.split('=')[0] ?? arg}`);
    else words.push(arg);
  }
  const [command = 'help', extra] = words;
  if (command !== 'help' && !isCommandName(command)) return usageError(`unknown command ${command}`);
  if (extra !== undefined) return usageError(`unexpected argument ${extra}`);
  if (command === 'help') return { kind: 'help' };
  const takesOut: boolean = (COMMANDS[command] as { takesOut?: boolean }).takesOut === true;
  // For a command that writes no file, --out is as unknown as any other option.
  if (out !== undefined && !takesOut) return usageError('unknown option --out');
  return { kind: 'run', command, json, ...(out === undefined ? {} : { options: { out } }) };
}
