// Azure Bastion's tunnel session, as `az network bastion tunnel` asks for it (azure-wire-format §14.2, §14.5):
// POST /api/tokens with the CLI's form (the ARM token goes in the form as `aztoken`; there is no Authorization
// header) → authToken, nodeId, websocketToken; DELETE /api/tokens/{authToken} with X-Node-Id ends it.
// Never logs or echoes the form, the tokens or the path; Bastion's own words are cleaned before anyone sees them.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { BastionHttpsSend } from './bastion-https';
import { withHost } from './bastion-tls';

export interface TunnelTokens {
  /** Names the session (DELETE). Secret. */
  readonly authToken: string;
  /** Bastion's node that holds the session; sent back as X-Node-Id. */
  readonly nodeId: string;
  /** Opens the WebSocket once (it goes in the URL path). Secret. */
  readonly websocketToken: string;
}

export interface TunnelRequest {
  readonly dnsName: string;
  readonly vmResourceId: string;
  readonly vmPort: number;
  /** An ARM token for the environment's legacy scope (what the CLI sends). */
  readonly aztoken: string;
  readonly signal?: AbortSignal;
}

const TOKENS_PATH = '/api/tokens';
const MAX_WORDS = 200;

export async function requestTunnelTokens(send: BastionHttpsSend, request: TunnelRequest): Promise<TunnelTokens> {
  const body = new URLSearchParams({ resourceId: request.vmResourceId, protocol: 'tcptunnel', workloadHostPort: String(request.vmPort), aztoken: request.aztoken }).toString();
  const response = await send(request.dnsName, {
    method: 'POST',
    path: TOKENS_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (response.status !== 200) throw refused(request.dnsName, response.status, response.text, 'open the tunnel', [request.aztoken]);
  let answer: Partial<Record<keyof TunnelTokens, unknown>> = {};
  try {
    answer = JSON.parse(response.text) as typeof answer;
  } catch {
    // not JSON: refused below
  }
  const { authToken, nodeId, websocketToken } = answer ?? {};
  if (!isToken(authToken) || !isToken(nodeId) || !isToken(websocketToken)) {
    throw new AirlockError('E_UNAVAILABLE', { message: `Azure Bastion (${request.dnsName}) answered the tunnel request with something Airlock could not read.`, details: withHost(request.dnsName) });
  }
  return { authToken, nodeId, websocketToken };
}

/** Ends the Bastion session; 404 means Bastion had already ended it. */
export async function deleteTunnelTokens(send: BastionHttpsSend, dnsName: string, tokens: TunnelTokens): Promise<'deleted' | 'already-gone'> {
  const response = await send(dnsName, { method: 'DELETE', path: `${TOKENS_PATH}/${encodeURIComponent(tokens.authToken)}`, headers: { 'X-Node-Id': tokens.nodeId } });
  if (response.status === 200 || response.status === 204) return 'deleted';
  if (response.status === 404) return 'already-gone';
  throw refused(dnsName, response.status, response.text, 'end the tunnel session', [tokens.authToken, tokens.websocketToken]);
}

const isToken = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 4096;

function refused(dnsName: string, status: number, text: string, what: string, secrets: readonly string[]): AirlockError {
  const words = bastionWords(text, secrets);
  return new AirlockError('E_BASTION_REFUSED', {
    message: `Azure Bastion (${dnsName}) refused to ${what} (HTTP ${status})${words ? `: “${words}”` : '.'}`,
    // Bastion's own trouble (5xx) or its rate limit may pass; a refusal of the account does not.
    retryable: status >= 500 || status === 429,
    details: { status: status >= 100 && status <= 599 ? status : 500, ...withHost(dnsName) },
  });
}

/** Bastion's `{message}`, without control characters, known secrets or anything shaped like a token, capped. */
export function bastionWords(text: string, secrets: readonly string[] = []): string {
  let message: unknown;
  try {
    message = (JSON.parse(text) as { message?: unknown } | null)?.message;
  } catch {
    return '';
  }
  if (typeof message !== 'string') return '';
  let clean = message;
  for (const secret of secrets) if (secret) clean = clean.split(secret).join('[hidden]');
  clean = [...clean]
    .map((char) => (isControl(char) ? ' ' : char))
    .join('')
    .replace(/eyJ[A-Za-z0-9_.-]*/g, '[hidden]')
    .replace(/[A-Za-z0-9+/_=.-]{24,}/g, '[hidden]')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > MAX_WORDS ? `${clean.slice(0, MAX_WORDS - 1)}…` : clean;
}

/** C0/C1 control characters and the line/paragraph separators: they could forge lines in a log or a terminal. */
function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
}
