// The airlock command's commands: one entry each (name, one-line summary, which contract channel it asks
// through the guarded door, how its answer reads in a terminal). Adding a command is adding an entry; the
// usage text and the argument check are derived from this table. Commands never reach a handler or a service
// around the guard. Results are display data only: a command never prints token material.
import type { InProcessGateway } from '../services';
import { callChannel } from './contract-call';
import { formatDiagnostics, formatHealth, formatInfo } from './format';

export interface CommandResult {
  /** What --json prints. */
  readonly value: unknown;
  /** What a person reads in a terminal. */
  readonly text: string;
  readonly exitCode: number;
}

/** Options a command may take besides --json (the command line refuses them for the others). */
export interface CliOptions {
  /** `--out FILE`: where a command that writes a file writes it (given to the composition's diagnostics port). */
  readonly out?: string;
}

export interface CliCommand {
  readonly summary: string;
  /** Whether `--out FILE` means something to this command. */
  readonly takesOut?: boolean;
  run(gateway: InProcessGateway, options: CliOptions): Promise<CommandResult>;
}

export const COMMANDS = {
  info: {
    summary: 'Version, platform and the environments this Airlock knows',
    async run(gateway) {
      const value = await callChannel(gateway, 'app.info', undefined);
      return { value, text: formatInfo(value), exitCode: 0 };
    },
  },
  health: {
    summary: "Whether Airlock's services are up",
    async run(gateway) {
      const value = await callChannel(gateway, 'app.health', undefined);
      return { value, text: formatHealth(value), exitCode: value.status === 'failing' ? 1 : 0 };
    },
  },
  diagnostics: {
    summary: 'Writes a diagnostics file for support, into this folder or --out FILE',
    takesOut: true,
    async run(gateway) {
      // The same export as Settings → Export diagnostics; the place is the user's own (--out, else this folder),
      // given to the composition root's diagnostics port by main.ts, so the request carries no path.
      const value = await callChannel(gateway, 'app.exportDiagnostics', undefined);
      return { value, text: formatDiagnostics(value), exitCode: value.saved ? 0 : 1 };
    },
  },
} satisfies Record<string, CliCommand>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
