// The airlock command's usage texts, derived from the command table: the overview (every command and
// subcommand with its summary), a group's (`airlock audit --help`) and a command's with its flags.
import { isGroup, type CliCommand, type CommandGroup } from './cli-command';
import { COMMANDS } from './commands';

const row = (name: string, summary: string, width = 18): string => `  ${name.padEnd(width)}  ${summary}`;

const COMMON = [
  row('--environment E', 'The environment to act in: its id or name (airlock env list), or an environment file'),
  row('--json', 'Print the result as JSON'),
  row('-h, --help', 'This text'),
];

function overview(): string {
  const rows: string[] = [];
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (isGroup(entry)) for (const [sub, command] of Object.entries(entry.subcommands)) rows.push(row(`${name} ${sub}`, command.summary));
    else rows.push(row(name, entry.summary));
  }
  return [
    'Usage: airlock <command> [options] [--json]',
    '',
    'Commands:',
    ...rows,
    row('help', 'This text'),
    '',
    'Options:',
    ...COMMON,
    '',
    "Each command's own options: airlock <command> --help",
  ].join('\n');
}

export const USAGE = overview();

export function groupUsage(name: string, group: CommandGroup): string {
  return [
    `Usage: airlock ${name} <command> [options] [--json]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...Object.entries(group.subcommands).map(([sub, command]) => row(sub, command.summary)),
    '',
    `Each command's own options: airlock ${name} <command> --help`,
  ].join('\n');
}

export function commandUsage(path: readonly string[], command: CliCommand): string {
  const flags = Object.entries(command.flags ?? {});
  const flagText = (name: string, spec: (typeof flags)[number][1]) => (spec.switch ? `--${name}` : `--${name} ${spec.metavar}`);
  const synopsis = [
    ...(command.argument ? [command.argument.optional ? `[${command.argument.metavar}]` : command.argument.metavar] : []),
    ...flags.map(([name, spec]) => (spec.required ? flagText(name, spec) : `[${flagText(name, spec)}]`)),
  ].join(' ');
  return [
    `Usage: airlock ${path.join(' ')}${synopsis ? ` ${synopsis}` : ''} [--json]`,
    '',
    command.summary,
    '',
    ...(command.argument ? ['Arguments:', row(command.argument.metavar, command.argument.help), ''] : []),
    'Options:',
    ...flags.map(([name, spec]) => row(`${spec.short ? `-${spec.short}, ` : ''}${flagText(name, spec)}`, spec.help)),
    ...COMMON,
  ].join('\n');
}
