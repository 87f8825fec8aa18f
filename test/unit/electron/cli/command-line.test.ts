// The airlock command line: derived from the command table, and one sentence for each thing it refuses.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, USAGE } from '../../../../electron/cli/command-line';
import { COMMANDS } from '../../../../electron/cli/commands';

describe('airlock command line', () => {
  it('lists every command of the table in the usage, with its summary', () => {
    for (const [name, command] of Object.entries(COMMANDS)) expect(USAGE).toMatch(new RegExp(`^ {2}${name} +${command.summary}$`, 'm'));
  });

  it('runs a command of the table, with or without --json in any place', () => {
    expect(parseCommandLine(['info'])).toEqual({ kind: 'run', command: 'info', json: false });
    expect(parseCommandLine(['--json', 'health'])).toEqual({ kind: 'run', command: 'health', json: true });
  });

  it('shows help for no words, help, --help and -h', () => {
    for (const argv of [[], ['help'], ['--help'], ['health', '-h']]) expect(parseCommandLine(argv)).toEqual({ kind: 'help' });
  });

  it.each([
    [['toString'], 'unknown command toString'],
    [['help', 'info'], 'unexpected argument info'],
    [['--json=false', 'info'], '--json takes no value'],
    [['info', '--out=x'], 'unknown option --out'],
  ])('%j is refused: %s', (argv, message) => {
    expect(parseCommandLine(argv)).toEqual({ kind: 'usage-error', message });
  });
});
