// The airlock command line: derived from the command table (commands, subcommands, their flags), and one
// sentence plus the usage of the command concerned for each thing it refuses.
import { describe, expect, it } from 'vitest';
import { isGroup } from '../../../../electron/cli/cli-command';
import { parseCommandLine, USAGE, type CommandLine } from '../../../../electron/cli/command-line';
import { COMMANDS } from '../../../../electron/cli/commands';

const run = (argv: string[]) => {
  const parsed = parseCommandLine(argv);
  return parsed.kind === 'run' ? { command: parsed.command, json: parsed.json, options: parsed.options } : parsed;
};
const refused = (argv: string[]) => {
  const parsed: CommandLine = parseCommandLine(argv);
  return parsed.kind === 'usage-error' ? parsed.message : parsed.kind;
};

describe('airlock command line', () => {
  it('lists every command and subcommand of the table in the usage, with its summary', () => {
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const rows = isGroup(entry) ? Object.entries(entry.subcommands).map(([sub, c]) => [`${name} ${sub}`, c.summary] as const) : [[name, entry.summary] as const];
      for (const [label, summary] of rows) expect(USAGE).toContain(`  ${label.padEnd(18)}  ${summary}\n`);
    }
  });

  it('runs a command of the table, with or without --json in any place', () => {
    expect(run(['info'])).toEqual({ command: ['info'], json: false, options: {} });
    expect(run(['--json', 'health'])).toEqual({ command: ['health'], json: true, options: {} });
    expect(run(['audit', '--json', 'verify'])).toEqual({ command: ['audit', 'verify'], json: true, options: {} });
  });

  it('takes the flags of the command, in either form, before or after its words', () => {
    expect(run(['policy', 'explain', '--action', 'workspace.list', '--resource=workspace:*'])).toEqual({ command: ['policy', 'explain'], json: false, options: { action: 'workspace.list', resource: 'workspace:*' } });
    expect(run(['--format', 'csv', 'audit', 'export', '--out', 'x.csv', '--outcome', 'deny'])).toEqual({ command: ['audit', 'export'], json: false, options: { format: 'csv', out: 'x.csv', outcome: 'deny' } });
    expect(run(['audit', 'list', '--from', '2026-12-01T08:00:00Z', '--to', '2026-12-02T08:00:00.000Z', '--action', 'workspace.*', '--account', 'alice@contoso.example', '--resource', 'app:airlock', '--limit', '500'])).toMatchObject({ options: { limit: '500', action: 'workspace.*' } });
  });

  it('shows help for no words, help, --help and -h; the command’s own help on a command or a group', () => {
    for (const argv of [[], ['help'], ['--help'], ['bogus', '-h']]) expect(parseCommandLine(argv)).toEqual({ kind: 'help', text: USAGE });
    const list = parseCommandLine(['audit', 'list', '--help']);
    expect(list).toMatchObject({ kind: 'help', text: expect.stringMatching(/^Usage: airlock audit list \[--from ISO\].*\[--json\]$/m) as unknown });
    expect(list.kind === 'help' && list.text).toContain('--limit N');
    expect(parseCommandLine(['audit', '-h'])).toMatchObject({ kind: 'help', text: expect.stringContaining('Usage: airlock audit <command>') as unknown });
    expect(parseCommandLine(['policy', 'explain', '-h'])).toMatchObject({ kind: 'help', text: expect.stringContaining('Usage: airlock policy explain --action ACTION --resource RESOURCE [--json]') as unknown });
    expect(parseCommandLine(['health', '--help'])).toMatchObject({ kind: 'help', text: expect.stringContaining('Usage: airlock health [--json]') as unknown });
  });

  it.each([
    [['toString'], 'unknown command toString'],
    [['--bogus'], 'unknown option --bogus'],
    [['help', '--out=x'], 'unknown option --out'],
    [['help', 'info'], 'unexpected argument info'],
    [['--json=false', 'info'], '--json takes no value'],
    [['info', '--out=x'], 'unknown option --out'],
    [['policy'], 'policy needs a command: show, explain'],
    [['audit', 'drop'], 'unknown audit command drop (status, list, verify, export, anomalies)'],
    [['audit', 'list', 'extra'], 'unexpected argument extra'],
    [['audit', 'list', '--limit', '0'], '--limit must be a whole number from 1 to 500'],
    [['audit', 'list', '--limit', '1e3'], '--limit must be a whole number from 1 to 500'],
    [['audit', 'list', '--from', 'yesterday'], '--from must be a UTC time such as 2026-12-01T08:00:00Z'],
    [['audit', 'list', '--outcome', 'maybe'], '--outcome must be one of ok, error, allow, deny'],
    [['audit', 'list', '--action'], '--action needs an action'],
    [['audit', 'list', '--limit', '5', '--limit', '6'], '--limit is given twice'],
    [['audit', 'list', '--format', 'csv'], 'unknown option --format'],
    [['audit', 'export'], 'audit export needs --format F'],
    [['audit', 'export', '--format', 'xml'], '--format must be one of jsonl, csv, cef, ocsf'],
    [['audit', 'verify', '--out', 'x'], 'unknown option --out'],
    [['policy', 'explain', '--action', 'workspace.list'], 'policy explain needs --resource RESOURCE'],
    [['policy', 'explain', '--action', 'workspace.delete', '--resource', 'app:airlock'], '--action must be an action of this Airlock, such as workspace.models'],
    [['policy', 'explain', '--action', 'app.info', '--resource', 'airlock'], '--resource must be type:id with a type of app, environment, account, workspace, model, endpoint, audit, policy, history'],
    // What the contract's policy.explain schema refuses is refused here, before start-up (exit 2, not E_BAD_REQUEST).
    [['policy', 'explain', '--action', 'app.info', '--resource', 'workspace: x'], "--resource must be a resource like 'workspace:<id>' or 'app:airlock'"],
    [['policy', 'explain', '--action', 'app.info', '--resource', `workspace:${'x'.repeat(503)}`], '--resource must be at most 512 characters'],
    // The same for audit list's free-text filters: the contract's AuditListFilter bounds, checked before start-up.
    [['audit', 'list', '--action', 'a'.repeat(129)], '--action must be at most 128 characters'],
    [['audit', 'export', '--format', 'csv', '--account', 'u'.repeat(257)], '--account must be at most 256 characters'],
    [['audit', 'list', '--resource', 'r'.repeat(513)], '--resource must be at most 512 characters'],
  ])('%j is refused: %s', (argv, message) => {
    expect(refused(argv)).toBe(message);
  });

  it('answers a refusal with the usage of the command it was about', () => {
    expect(parseCommandLine(['audit', 'export', '--format', 'xml'])).toMatchObject({ usage: expect.stringMatching(/^Usage: airlock audit export --format F/) as unknown });
    expect(parseCommandLine(['audit', 'drop'])).toMatchObject({ usage: expect.stringMatching(/^Usage: airlock audit <command>/) as unknown });
    expect(parseCommandLine(['nope'])).toMatchObject({ usage: USAGE });
  });
});
