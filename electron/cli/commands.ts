// The airlock command's commands: one entry each (name, one-line summary, what it asks the services, how
// its answer reads in a terminal). Adding a command is adding an entry; the usage text and the argument
// check are derived from this table. Results are display data only: a command never prints token material.
import type { Airlock } from '../services';
import { formatHealth, formatInfo } from './format';

export interface CommandResult {
  /** What --json prints. */
  readonly value: unknown;
  /** What a person reads in a terminal. */
  readonly text: string;
  readonly exitCode: number;
}

export interface CliCommand {
  readonly summary: string;
  run(airlock: Airlock): Promise<CommandResult>;
}

export const COMMANDS = {
  info: {
    summary: 'Version, platform and the environments this Airlock knows',
    async run(airlock) {
      const value = await airlock.handlers.app.info(undefined);
      return { value, text: formatInfo(value), exitCode: 0 };
    },
  },
  health: {
    summary: "Whether Airlock's services are up",
    async run(airlock) {
      const value = await airlock.handlers.app.health(undefined);
      return { value, text: formatHealth(value), exitCode: value.status === 'failing' ? 1 : 0 };
    },
  },
} satisfies Record<string, CliCommand>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
