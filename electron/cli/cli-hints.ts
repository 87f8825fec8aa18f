// The next step in the CLI's words. The shared error table's default hints point at the app ("Open
// Connections", "the editor marks them", "Refresh the list"); printed by `airlock` they name things a terminal
// user does not have. Where a failure carries its code's default hint, the CLI says the same in commands;
// a hint a service wrote for the case at hand is kept as it is.
import { ERROR_DEFAULTS, type ErrorCode } from '../../shared/errors/codes';

const CLI_HINTS: Partial<Record<ErrorCode, string>> = {
  E_BAD_REQUEST: 'Check the values you gave (airlock <command> --help lists them). If this keeps happening, report it.',
  E_INTERNAL: 'Try again. If it keeps failing, run airlock diagnostics and send the file it writes to your support team.',
  E_NOT_FOUND: 'Check the name (airlock workspaces, models and endpoints list what there is) and that you are signed in to the right tenant (airlock whoami).',
  E_CONFIG_INVALID: 'Fix or replace the configuration file, then run the command again. Your administrator can help.',
  E_ROUTE_DOWN: 'Connect a route (airlock route connect --via vpn|jump|bastion), or name one with --via, then try again.',
  E_ROUTE_DROPPED: 'Airlock reconnects on its own; try again once airlock route list shows the route up.',
  E_UNREACHABLE: 'Check with airlock route list that the route is up, and that the endpoint still exists, then try again.',
  E_PAYLOAD_INVALID: 'Fix the places listed, or start from one of the deployment\'s samples.',
};

/** The hint to print for a failure with `code` and `hint`. */
export function cliHint(code: ErrorCode, hint: string | undefined): string | undefined {
  const cli = CLI_HINTS[code];
  return cli !== undefined && hint === ERROR_DEFAULTS[code].hint ? cli : hint;
}
