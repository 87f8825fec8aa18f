// `airlock env list|add`: the environments this Airlock knows (app.info, through the guarded door, like the
// sign-in screen's choice) and the environment files the CLI remembers. `add` checks the file with the app's
// own loader and schema (a bad file is E_CONFIG_INVALID in words, exit 1) and remembers where it is in the
// user-data folder (environment-store.ts), so later runs offer it, and `--environment <id>` picks it.
import type { AppInfo } from '../../shared/contract/schemas/app';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { CliIo, CommandGroup, RememberedEnvironment } from './cli-command';
import { callChannel } from './contract-call';
import { inert, table } from './inert';

function storeOf(io: CliIo): NonNullable<CliIo['environments']> {
  if (!io.environments) throw new AirlockError('E_UNAVAILABLE', { message: 'This airlock cannot remember environments here.' });
  return io.environments;
}

export function formatEnvironments(info: AppInfo, remembered: readonly RememberedEnvironment[]): string {
  const rows = info.environments.map((e) => [
    e.id === info.defaultEnvironmentId ? `${inert(e.id, 64)} *` : inert(e.id, 64),
    inert(e.displayName, 64),
    e.kind,
    e.pinnedTenant ? inert(e.pinnedTenant, 64) : 'any',
    inert(remembered.find((r) => r.id === e.id && r.problem === null)?.file ?? '', 120),
  ]);
  const text = table(['ID', 'NAME', 'KIND', 'TENANT', 'FILE'], rows, 'No environments.');
  const broken = remembered.filter((r) => r.problem !== null);
  const notes = [
    ...(info.defaultEnvironmentId ? ['* the default when --environment is not given'] : []),
    ...broken.map((r) => `Not loaded: ${inert(r.id, 64)} from ${inert(r.file, 200)}: ${inert(r.problem, 300)}`),
  ];
  return notes.length > 0 ? `${text}\n${notes.join('\n')}\n` : text;
}

export const ENV_COMMANDS: CommandGroup = {
  summary: 'The environments (clouds, the sandbox, your own) Airlock can sign in to',
  subcommands: {
    list: {
      summary: 'Each environment: id, name, kind, pinned tenant, and the file a remembered one comes from',
      async run(gateway, _options, io) {
        const info = await callChannel(gateway, 'app.info', undefined);
        const remembered = io.environments ? await io.environments.list() : [];
        const value = { environments: info.environments, defaultEnvironmentId: info.defaultEnvironmentId, remembered };
        return { value, text: formatEnvironments(info, remembered), exitCode: 0 };
      },
    },
    add: {
      summary: "Checks an environment file (the sandbox's environment.json, or your administrator's) and remembers it",
      argument: { name: 'file', metavar: 'ENVIRONMENT.json', help: 'The environment file (npm run sandbox writes .sandbox/environment.json)' },
      async run(_gateway, options, io) {
        const value = await storeOf(io).add(options['file'] ?? '');
        const text = `${value.replaced ? 'Updated' : 'Added'} environment ${inert(value.id, 64)} (${inert(value.displayName, 128)}, ${value.kind}) from ${inert(value.file, 400)}\nSign in to it with: airlock login --environment ${inert(value.id, 64)}\n`;
        return { value, text, exitCode: 0 };
      },
    },
  },
};
