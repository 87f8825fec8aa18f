// Every failure Airlock can report, with the words a user sees by default.
// Pure data: shared by main, renderer, CLI and tests. Never put token material in a message.

export const ERROR_CODES = [
  'E_BAD_REQUEST',
  'E_UNKNOWN_CHANNEL',
  'E_FORBIDDEN_SENDER',
  'E_INTERNAL',
  'E_UNAVAILABLE',
  'E_NOT_FOUND',
  'E_AUTH_REQUIRED',
  'E_STEP_UP_REQUIRED',
  'E_POLICY_DENIED',
  'E_AZURE_FORBIDDEN',
  'E_NOT_PRIVATE',
  'E_HOST_KEY_CHANGED',
  'E_TLS',
  'E_TIMEOUT',
  'E_RATE_LIMITED',
  'E_KEYCHAIN_UNAVAILABLE',
  'E_AUDIT_UNAVAILABLE',
  'E_CONFIG_INVALID',
  'E_ROUTE_DOWN',
  'E_ROUTE_DROPPED',
  'E_UNREACHABLE',
  'E_HOST_KEY_UNKNOWN',
  'E_SSH_AUTH',
  'E_BASTION_REFUSED',
  'E_PORT_IN_USE',
  'E_PAYLOAD_INVALID',
  'E_PAYLOAD_TOO_LARGE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

interface ErrorDefaults {
  readonly message: string;
  readonly hint?: string;
  readonly retryable: boolean;
}

export const ERROR_DEFAULTS: Readonly<Record<ErrorCode, ErrorDefaults>> = {
  E_BAD_REQUEST: {
    message: 'Airlock received a request it could not understand, so nothing was done.',
    hint: 'Check the values you entered. If this keeps happening, restart Airlock and report it.',
    retryable: false,
  },
  E_UNKNOWN_CHANNEL: {
    message: 'This action does not exist in this version of Airlock.',
    hint: 'Update Airlock or report the problem to your administrator.',
    retryable: false,
  },
  E_FORBIDDEN_SENDER: {
    message: 'A request came from a page that is not part of Airlock and was refused.',
    hint: 'Close any unexpected windows and restart Airlock.',
    retryable: false,
  },
  E_INTERNAL: {
    message: 'Something went wrong inside Airlock, so the action was stopped.',
    hint: 'Try again. If it keeps failing, choose Settings → Export diagnostics and send the file to your support team.',
    retryable: true,
  },
  E_UNAVAILABLE: {
    message: 'A service Airlock needs is not reachable right now.',
    hint: 'Check your network or VPN connection, then try again.',
    retryable: true,
  },
  E_NOT_FOUND: {
    message: 'The item you asked for no longer exists or you cannot see it.',
    hint: 'Refresh the list and check that you are signed in to the right tenant.',
    retryable: false,
  },
  E_AUTH_REQUIRED: {
    message: 'You need to sign in before Airlock can do this.',
    hint: 'Choose Sign in and complete the prompt in your browser.',
    retryable: false,
  },
  E_STEP_UP_REQUIRED: {
    message: 'This action needs a stronger sign-in (for example multi-factor authentication).',
    hint: 'Answer the sign-in prompt; Airlock retries the action once you are done.',
    retryable: true,
  },
  // Airlock's own admin policy (the machine-wide policy file) refused: the guard names the rule and its
  // reason in the message and details. Never used for Azure's answer (E_AZURE_FORBIDDEN).
  E_POLICY_DENIED: {
    message: "Your organization's Airlock policy on this computer does not allow this action.",
    hint: 'The rule and its reason are shown with this message. Ask your administrator if you think you need access.',
    retryable: false,
  },
  // Azure Resource Manager answered 403: the account's Azure role (RBAC) does not allow it. Not Airlock's policy.
  E_AZURE_FORBIDDEN: {
    message: 'Azure says your role in this subscription does not allow this.',
    hint: 'Ask an owner of the workspace or subscription for a role such as Reader or AzureML Data Scientist.',
    retryable: false,
  },
  E_NOT_PRIVATE: {
    message: 'The endpoint did not resolve to a private address, so Airlock refused to send your credentials.',
    hint: 'Connect to your organization’s network or VPN, then try again.',
    retryable: true,
  },
  E_HOST_KEY_CHANGED: {
    message: "The jump host's identity changed since you last connected, so Airlock stopped.",
    hint: 'Do not continue. Ask your administrator to confirm the new host key.',
    retryable: false,
  },
  E_TLS: {
    message: 'The secure connection could not be verified, so Airlock stopped.',
    hint: 'Check your network connection and any corporate certificate settings with your administrator.',
    retryable: false,
  },
  E_TIMEOUT: {
    message: 'The service took too long to answer.',
    hint: 'Try again in a moment.',
    retryable: true,
  },
  E_RATE_LIMITED: {
    message: 'Azure is limiting how fast requests can be sent.',
    hint: 'Wait a little and try again.',
    retryable: true,
  },
  E_KEYCHAIN_UNAVAILABLE: {
    message: 'The system keychain is not available, so Airlock will not save your sign-in on this device.',
    hint: 'Unlock or set up your keychain; until then you stay signed in only while Airlock is open.',
    retryable: true,
  },
  E_AUDIT_UNAVAILABLE: {
    message: 'The audit trail cannot be written, so Airlock stopped the action.',
    hint: 'Check that the disk has free space, or contact your administrator.',
    retryable: true,
  },
  E_CONFIG_INVALID: {
    message: 'A configuration file is not valid, so Airlock did not use it.',
    hint: 'Fix or replace the configuration file, then restart Airlock. Your administrator can help.',
    retryable: false,
  },
  // Private routes (VPN, SSH jump host, Azure Bastion): a data-plane request never falls back to a public path.
  E_ROUTE_DOWN: {
    message: 'No private route to this endpoint is up, so Airlock did not send the request.',
    hint: 'Open Connections and connect a route (VPN, jump host or Bastion), then try again.',
    retryable: true,
  },
  E_ROUTE_DROPPED: {
    message: 'The private route dropped while the request was on its way, so it did not complete.',
    hint: 'Airlock reconnects on its own; try again once Connections shows the route up.',
    retryable: true,
  },
  E_UNREACHABLE: {
    message: 'The host could not be reached through the private route.',
    hint: 'Check in Connections that the route is up and that the endpoint still exists, then try again.',
    retryable: true,
  },
  E_HOST_KEY_UNKNOWN: {
    message: "Airlock does not know the jump host's identity, so it did not connect.",
    hint: 'Compare the fingerprint shown with the one your administrator gave you before you trust it.',
    retryable: false,
  },
  E_SSH_AUTH: {
    message: 'The jump host did not accept your sign-in.',
    hint: 'Check the user name and the SSH key (or ssh-agent) for the jump host, then try again.',
    retryable: false,
  },
  E_BASTION_REFUSED: {
    message: 'Azure Bastion refused to open the tunnel.',
    hint: 'Ask for the Reader role on the virtual machine, its network interface and the Bastion host, and check that native client support is on.',
    retryable: false,
  },
  E_PORT_IN_USE: {
    message: 'That local port is already used by another program.',
    hint: 'Choose another port, or leave the port empty so Airlock picks a free one.',
    retryable: false,
  },
  // Test inference: a payload is checked in main before it leaves (seed 003), never after.
  E_PAYLOAD_INVALID: {
    message: "The request body does not match what the deployment expects, so Airlock did not send it.",
    hint: 'Fix the places listed (the editor marks them), or start from one of the samples.',
    retryable: false,
  },
  E_PAYLOAD_TOO_LARGE: {
    message: 'The request body is larger than your organization allows, so Airlock did not send it.',
    hint: 'Send a smaller body. The limit is set by your administrator (maxPayloadBytes).',
    retryable: false,
  },
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
