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

  it('takes --vpn on|off for the private DNS at start, and nothing else', () => {
    expect(parseCommandLine(['--vpn', 'off'])).toEqual({ kind: 'run', options: { stateDir: path.resolve('.sandbox'), verbose: false, vpn: 'off' } });
    expect(parseCommandLine(['--vpn=on'])).toEqual({ kind: 'run', options: { stateDir: path.resolve('.sandbox'), verbose: false, vpn: 'on' } });
    expect(parseCommandLine(['--vpn', 'maybe'])).toEqual({ kind: 'usage-error', message: '--vpn must be on or off, not maybe' });
    expect(parseCommandLine(['--vpn'])).toEqual({ kind: 'usage-error', message: '--vpn needs a value' });
    expect(parseCommandLine(['--vpn', 'on', '--vpn', 'off'])).toEqual({ kind: 'usage-error', message: '--vpn is given twice' });
  });

  it('takes `vpn on|off [--state-dir DIR]` to flip a running sandbox', () => {
    expect(parseCommandLine(['vpn', 'off'])).toEqual({ kind: 'vpn', stateDir: path.resolve('.sandbox'), vpn: 'off' });
    expect(parseCommandLine(['vpn', '--state-dir', 'x', 'on'])).toEqual({ kind: 'vpn', stateDir: path.resolve('x'), vpn: 'on' });
    expect(parseCommandLine(['vpn'])).toEqual({ kind: 'usage-error', message: 'vpn needs on or off, for example: vpn off' });
    expect(parseCommandLine(['vpn', 'sometimes'])).toEqual({ kind: 'usage-error', message: 'vpn needs on or off, not sometimes' });
    expect(parseCommandLine(['vpn', 'on', 'off'])).toEqual({ kind: 'usage-error', message: 'unexpected argument off' });
    expect(parseCommandLine(['vpn', 'on', '--seed', 'x'])).toEqual({ kind: 'usage-error', message: 'unknown option --seed' });
  });
});
