// The airlock command's commands: one entry each (name, one-line summary, its flags, which contract channel it
// asks through the guarded door, how its answer reads in a terminal), and groups of subcommands (`env`, `policy`,
// `audit`, `route`). Adding a command is adding an entry; the usage texts and the argument check are derived from this
// table. Commands never reach a handler or a service around the guard. Results are display data only: a
// command never prints token material.
import { AUDIT_COMMANDS } from './audit-commands';
import { LOGIN_COMMAND, LOGOUT_COMMAND, WHOAMI_COMMAND } from './auth-commands';
import { DEPLOYMENTS_COMMAND, ENDPOINTS_COMMAND, LOGS_COMMAND, MODELS_COMMAND, WORKSPACES_COMMAND } from './browse-commands';
import type { CliCommand, CommandGroup } from './cli-command';
import { callChannel } from './contract-call';
import { ENV_COMMANDS } from './env-commands';
import { formatDiagnostics, formatHealth, formatInfo } from './format';
import { HISTORY_COMMANDS } from './history-commands';
import { INVOKE_COMMAND } from './invoke-command';
import { POLICY_COMMANDS } from './policy-commands';
import { ROUTE_COMMANDS } from './route-commands';
import { TEST_RUN_COMMAND } from './test-run-command';
import { TUNNEL_COMMAND } from './tunnel-command';
import { newFileTarget } from './file-target';

export type { CliCommand, CliIo, CliOptions, CommandGroup, CommandResult, FlagSpec } from './cli-command';

export const COMMANDS: Readonly<Record<string, CliCommand | CommandGroup>> = {
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
    flags: { out: { metavar: 'FILE', needs: 'a file name', help: 'Where to write (default: a new file in this folder)', check: newFileTarget } },
    async run(gateway) {
      // The same export as Settings → Export diagnostics; the place is the user's own (--out, else this folder),
      // given to the composition root's diagnostics port by main.ts, so the request carries no path.
      const value = await callChannel(gateway, 'app.exportDiagnostics', undefined);
      return { value, text: formatDiagnostics(value), exitCode: value.saved ? 0 : 1 };
    },
  },
  env: ENV_COMMANDS,
  login: LOGIN_COMMAND,
  logout: LOGOUT_COMMAND,
  whoami: WHOAMI_COMMAND,
  workspaces: WORKSPACES_COMMAND,
  models: MODELS_COMMAND,
  endpoints: ENDPOINTS_COMMAND,
  deployments: DEPLOYMENTS_COMMAND,
  logs: LOGS_COMMAND,
  invoke: INVOKE_COMMAND,
  'test-run': TEST_RUN_COMMAND,
  history: HISTORY_COMMANDS,
  policy: POLICY_COMMANDS,
  audit: AUDIT_COMMANDS,
  route: ROUTE_COMMANDS,
  tunnel: TUNNEL_COMMAND,
};
