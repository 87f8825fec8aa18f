// The command line of `airlock route …` and `airlock tunnel`: -w/-e short forms, --via one of three words,
// --trust-host-key a SHA256 fingerprint, --local-port 1024–65535; each mistake one line plus that usage.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../../../electron/cli/command-line';

const run = (argv: string[]) => {
  const parsed = parseCommandLine(argv);
  return parsed.kind === 'run' ? { command: parsed.command, json: parsed.json, options: parsed.options } : parsed;
};
const refused = (argv: string[]) => {
  const parsed = parseCommandLine(argv);
  return parsed.kind === 'usage-error' ? { message: parsed.message, usage: parsed.usage.split('\n')[0] } : parsed.kind;
};
const FP = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

describe('airlock route / tunnel command line', () => {
  it('takes -w and -e as the short forms of --workspace and --endpoint', () => {
    expect(run(['route', 'check', '-w', 'ws-credit-private', '-e', 'credit-ep', '--via', 'jump', '--json'])).toEqual({ command: ['route', 'check'], json: true, options: { workspace: 'ws-credit-private', endpoint: 'credit-ep', via: 'jump' } });
    expect(run(['tunnel', '--workspace=ws', '-e', 'credit-ep', '--local-port', '8443', '--trust-host-key', FP])).toEqual({ command: ['tunnel'], json: false, options: { workspace: 'ws', endpoint: 'credit-ep', 'local-port': '8443', 'trust-host-key': FP } });
    expect(run(['route', 'list'])).toEqual({ command: ['route', 'list'], json: false, options: {} });
    expect(run(['route', 'connect', '--via', 'bastion'])).toMatchObject({ options: { via: 'bastion' } });
  });

  it('refuses bad values in one line with the usage of the command', () => {
    expect(refused(['route', 'connect', '--via', 'tor'])).toEqual({ message: '--via must be one of vpn, jump, bastion', usage: expect.stringContaining('Usage: airlock route connect') as unknown });
    expect(refused(['route', 'check', '-e', 'credit-ep'])).toMatchObject({ message: 'route check needs --workspace WS' });
    expect(refused(['tunnel', '-w', 'ws'])).toMatchObject({ message: 'tunnel needs --endpoint EP', usage: expect.stringContaining('Usage: airlock tunnel') as unknown });
    expect(refused(['tunnel', '-w', 'ws', '-e', 'credit-ep', '--local-port', '80'])).toMatchObject({ message: '--local-port must be a whole number from 1024 to 65535' });
    expect(refused(['tunnel', '-w', 'ws', '-e', 'credit-ep', '--trust-host-key', 'abc'])).toMatchObject({ message: expect.stringMatching(/^--trust-host-key must be an SSH host key fingerprint/) as unknown });
    expect(refused(['route', 'check', '-w', 'ws', '-e', '9bad'])).toMatchObject({ message: expect.stringMatching(/^--endpoint must be an online endpoint name/) as unknown });
    expect(refused(['route', 'check', '-w'])).toMatchObject({ message: '--workspace needs a workspace name or ARM id' });
    expect(refused(['route', 'list', '-w', 'ws'])).toMatchObject({ message: 'unknown option -w' });
    expect(refused(['route', 'list', '-x'])).toMatchObject({ message: 'unknown option -x' });
    expect(refused(['route', 'ping'])).toMatchObject({ message: 'unknown route command ping (list, connect, disconnect, check)' });
  });

  it('shows the short forms in the usage', () => {
    const help = parseCommandLine(['tunnel', '--help']);
    expect(help).toMatchObject({ kind: 'help' });
    expect((help as { text: string }).text).toMatch(/^Usage: airlock tunnel --workspace WS --endpoint EP \[--via VIA\] \[--local-port P\] \[--trust-host-key FP\] \[--json\]$/m);
    expect((help as { text: string }).text).toContain('-w, --workspace WS');
  });
});
