// "Copy as curl" and "Copy as Python": the test request Airlock would send, written out for a terminal or a
// script. Pure text in, text out (the invoke panel and `airlock invoke --print` share it).
// Must never contain a credential: the token or key is ALWAYS an environment variable named after the endpoint's
// auth mode, with a comment saying how to get one. Every outside string (host, deployment, payload, names) is
// quoted so that no shell or Python reading the snippet runs anything of it: shell strings are single-quoted
// ('\'' for a quote), Python strings are ASCII-only escaped literals, and anything interpolated into a comment
// must be a plain name (else a placeholder), since a newline there would end the comment.
import type { EndpointAuthMode } from '../contract/schemas/endpoint';

export interface CopyAsInput {
  /** EndpointSummary.scoringHost: the request goes to https://<scoringHost>/score. */
  readonly scoringHost: string;
  readonly authMode: EndpointAuthMode;
  /** One deployment (the azureml-model-deployment header), or none for the endpoint's traffic split. */
  readonly deploymentName?: string | null | undefined;
  /** The request body as JSON text, exactly as it would be sent. */
  readonly payload: string;
  /** For the "how to get the credential" comment only: used when each is a plain name, else a placeholder. */
  readonly endpointName?: string | undefined;
  /** The workspace's ARM id (`/subscriptions/…/resourceGroups/<rg>/…/workspaces/<name>`), for the same comment. */
  readonly workspaceId?: string | undefined;
}

export type CopyAsFormat = 'curl' | 'python';
export const COPY_AS_FORMATS: readonly CopyAsFormat[] = ['curl', 'python'];

interface Credential {
  /** The environment variable the snippet reads. */
  readonly variable: string;
  readonly what: string;
  /** The shell command that prints one. */
  readonly command: string;
}

const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,89}$/;

function plain(value: string | undefined, placeholder: string): string {
  return value !== undefined && PLAIN_NAME.test(value) ? value : placeholder;
}

/** The resource group and workspace name out of a workspace's ARM id (placeholders when it is not one). */
function workspaceParts(workspaceId: string | undefined): { resourceGroup: string; workspace: string } {
  const match = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.MachineLearningServices\/workspaces\/([^/]+)$/i.exec(workspaceId ?? '');
  return { resourceGroup: plain(match?.[1], '<resource-group>'), workspace: plain(match?.[2], '<workspace>') };
}

function credentialFor(input: CopyAsInput): Credential {
  const { resourceGroup, workspace } = workspaceParts(input.workspaceId);
  const endpoint = plain(input.endpointName, '<endpoint>');
  const getCredentials = `az ml online-endpoint get-credentials --name ${endpoint} --resource-group ${resourceGroup} --workspace-name ${workspace}`;
  switch (input.authMode) {
    case 'AMLToken':
      return { variable: 'AML_TOKEN', what: "the endpoint's AML token (auth mode AMLToken; it expires, get a new one when it does)", command: `${getCredentials} --query accessToken -o tsv` };
    case 'Key':
      return { variable: 'ENDPOINT_KEY', what: "the endpoint's key (auth mode Key)", command: `${getCredentials} --query primaryKey -o tsv` };
    case 'AADToken':
      return { variable: 'ENTRA_TOKEN', what: 'an Entra token for Azure Machine Learning (auth mode AADToken)', command: 'az account get-access-token --resource https://ml.azure.com --query accessToken -o tsv' };
    default:
      return { variable: 'ENDPOINT_TOKEN', what: "the endpoint's credential (Airlock does not know this endpoint's auth mode)", command: `${getCredentials}` };
  }
}

function scoringUrl(host: string): string {
  return `https://${host}/score`;
}

// ---- POSIX shell ---------------------------------------------------------------------------------------------

/** A POSIX shell word that is exactly `value`: single quotes keep everything literal but a quote, written '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Characters that must not reach a terminal raw: controls (a pasted ESC sequence can end bracketed paste and type
 * commands), format characters (bidi overrides make the text read differently), line/paragraph separators,
 * surrogates, private use and unassigned. Newline and tab are fine in a heredoc.
 */
const NOT_FOR_A_TERMINAL = /[^\P{C}\n\t]|[\p{Zl}\p{Zp}]/u;

/** `printf` format text that prints exactly the UTF-8 bytes of `value`, in ASCII only (octal escapes). */
function printfFormat(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    if (byte === 0x27) out += `'\\''`;
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x25) out += '%%';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `'${out}'`;
}

/** A heredoc delimiter that is not a line of the body (so the body cannot end the heredoc early). */
function heredocDelimiter(body: string): string {
  const lines = new Set(body.split('\n'));
  let delimiter = 'AIRLOCK_BODY';
  for (let n = 2; lines.has(delimiter); n += 1) delimiter = `AIRLOCK_BODY_${n}`;
  return delimiter;
}

/**
 * A curl command (POSIX sh, bash, zsh) that sends the request. The body goes on standard input: a quoted heredoc
 * (nothing in it expands; the shell adds a final newline, which JSON ignores) when it is printable text, else
 * `printf` with octal escapes (exact bytes, ASCII only). Never an argument: Linux caps one at 128 KiB.
 */
export function curlCommand(input: CopyAsInput): string {
  const credential = credentialFor(input);
  const headers = [`-H 'Content-Type: application/json'`, `-H "Authorization: Bearer \${${credential.variable}}"`];
  if (input.deploymentName) headers.push(`-H ${shellQuote(`azureml-model-deployment: ${input.deploymentName}`)}`);
  const comment = [
    `# A test request to ${plain(input.endpointName, 'the endpoint')}${input.deploymentName ? ` (deployment ${plain(input.deploymentName, 'chosen in Airlock')} only)` : ''}, as Airlock sends it.`,
    `# ${credential.variable} is ${credential.what}; Airlock never copies it. Set it with:`,
    `#   export ${credential.variable}="$(${credential.command})"`,
  ];
  const plainBody = !NOT_FOR_A_TERMINAL.test(input.payload);
  const curl = [`curl --silent --show-error --include -X POST ${shellQuote(scoringUrl(input.scoringHost))}`, ...headers.map((h) => `  ${h}`)];
  if (plainBody) {
    const delimiter = heredocDelimiter(input.payload);
    curl.push(`  --data-binary @- <<'${delimiter}'`);
    const body = input.payload.endsWith('\n') ? input.payload.slice(0, -1) : input.payload;
    return [...comment, curl.join(' \\\n'), body, delimiter, ''].join('\n');
  }
  curl.push('  --data-binary @-');
  return [...comment, `printf ${printfFormat(input.payload)} |`, curl.join(' \\\n'), ''].join('\n');
}

// ---- Python --------------------------------------------------------------------------------------------------

/** A Python string literal that is exactly `value`, in printable ASCII only (escapes for everything else). */
export function pythonString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code >= 0x20 && code < 0x7f) out += ch;
    // A lone surrogate cannot be sent as UTF-8 (the app sends U+FFFD in its place): write that.
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** The body as one literal per line (implicit concatenation), so a pretty JSON payload stays readable. */
function pythonPayload(payload: string): string {
  const parts = payload.match(/[^\n]*\n|[^\n]+$/g) ?? [''];
  if (parts.length === 1) return `payload = ${pythonString(parts[0])}`;
  return ['payload = (', ...parts.map((p) => `    ${pythonString(p)}`), ')'].join('\n');
}

/** A Python 3 script (standard library only) that sends the request and prints the status and the body. */
export function pythonSnippet(input: CopyAsInput): string {
  const credential = credentialFor(input);
  const headers = ['    "Content-Type": "application/json",', `    "Authorization": "Bearer " + os.environ[${pythonString(credential.variable)}],`];
  if (input.deploymentName) headers.push(`    "azureml-model-deployment": ${pythonString(input.deploymentName)},`);
  return [
    `# A test request to ${plain(input.endpointName, 'the endpoint')}${input.deploymentName ? ` (deployment ${plain(input.deploymentName, 'chosen in Airlock')} only)` : ''}, as Airlock sends it.`,
    `# ${credential.variable} is ${credential.what}; Airlock never copies it. Set it with:`,
    `#   export ${credential.variable}="$(${credential.command})"`,
    'import os',
    'import urllib.error',
    'import urllib.request',
    '',
    `url = ${pythonString(scoringUrl(input.scoringHost))}`,
    pythonPayload(input.payload),
    'headers = {',
    ...headers,
    '}',
    'request = urllib.request.Request(url, data=payload.encode("utf-8"), headers=headers, method="POST")',
    'try:',
    '    with urllib.request.urlopen(request) as response:',
    '        print(response.status)',
    '        print(response.read().decode("utf-8", "replace"))',
    'except urllib.error.HTTPError as error:',
    '    print(error.code)',
    '    print(error.read().decode("utf-8", "replace"))',
    '',
  ].join('\n');
}

export function copyAs(format: CopyAsFormat, input: CopyAsInput): string {
  return format === 'curl' ? curlCommand(input) : pythonSnippet(input);
}
