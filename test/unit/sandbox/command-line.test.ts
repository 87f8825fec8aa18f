// The sandbox's argument parser: what it accepts, and the one sentence for each thing it refuses.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../sandbox/command-line';

describe('sandbox command line', () => {
  it('defaults to .sandbox in the current folder, the built-in seed and a quiet log', () => {
    expect(parseCommandLine([])).toEqual({ kind: 'run', options: { stateDir: path.resolve('.sandbox'), verbose: false } });
  });

  it('takes values as the next word or after =', () => {
    expect(parseCommandLine(['--state-dir', 'a', '--seed=b.json', '--verbose'])).toEqual({
      kind: 'run',
      options: { stateDir: path.resolve('a'), seedPath: path.resolve('b.json'), verbose: true },
    });
  });

  it('reads left to right: --help answers at once, a mistake before it is reported first', () => {
    expect(parseCommandLine(['--bogus', '--help'])).toEqual({ kind: 'usage-error', message: 'unknown option --bogus' });
    expect(parseCommandLine(['--verbose', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--state-dir', 'a', '--state-dir', 'b'], '--state-dir is given twice'],
    [['--seed', '-x'], '--seed needs a value'],
    [['-v'], 'unknown option -v'],
    [['--verbose', 'extra'], 'unexpected argument extra'],
  ])('%j is refused: %s', (argv, message) => {
    expect(parseCommandLine(argv)).toEqual({ kind: 'usage-error', message });
  });
});
