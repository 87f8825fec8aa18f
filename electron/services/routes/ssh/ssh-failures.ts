// ssh2's failures, in Airlock's words: which typed error a failed dial, handshake, sign-in, channel or drop
// becomes. ssh2's own message text never reaches the user or a detail (only its level/code, filtered to the
// detail shapes); nothing here sees a key or passphrase.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';

type Via = 'jump' | 'bastion';
// Details only when the schema takes them (shared/errors' own tests): a refused value is left out, never sent.
const hostField = (host: string) => {
  const value = hostDetail(host);
  return value === undefined ? {} : { host: value };
};
const reasonField = (reason: string | undefined) => {
  const value = codeDetail(reason);
  return value === undefined ? {} : { reason: value };
};

/** An ssh2 error: `level` says where it happened (client-socket, client-timeout, client-authentication, ...). */
export type Ssh2Error = Error & { level?: string; code?: string | number; reason?: number | string };

const what = (via: Via) => (via === 'bastion' ? 'the jump VM through Azure Bastion' : 'the jump host');
const What = (via: Via) => (via === 'bastion' ? 'The jump VM through Azure Bastion' : 'The jump host');

/** The transport to the SSH server could not be opened (jump host down, refused, no route). */
export function unreachable(via: Via, host: string, port: number, error: unknown): AirlockError {
  if (error instanceof AirlockError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = typeof code === 'string' ? code : 'unreachable';
  return new AirlockError('E_UNREACHABLE', {
    message: `Airlock could not reach ${what(via)} at ${host}:${port} (${reason}).`,
    details: { via, ...hostField(host), ...reasonField(reason) },
  });
}

/** A failure before the route was up: timeout, sign-in refused, or the connection failing on the way. */
export function handshakeFailure(via: Via, host: string, port: number, username: string, error: Ssh2Error, authKind: 'key-file' | 'agent'): AirlockError {
  if (error.level === 'client-timeout') {
    return new AirlockError('E_TIMEOUT', { message: `${What(via)} at ${host}:${port} did not complete the SSH handshake in time, so Airlock stopped waiting.` });
  }
  if (error.level === 'client-authentication') {
    const reason = authKind === 'agent' ? 'agent-refused' : 'publickey-refused';
    const source = authKind === 'agent' ? 'any key the ssh-agent offered' : 'your SSH key';
    return new AirlockError('E_SSH_AUTH', {
      message: `${What(via)} at ${host}:${port} did not accept ${source} for ${username}.`,
      details: { ...hostField(host), reason },
    });
  }
  if (error.level === 'agent') {
    return new AirlockError('E_SSH_AUTH', {
      message: `Airlock could not use the ssh-agent to sign in to ${what(via)} at ${host}:${port}: it is not running or did not answer.`,
      details: { ...hostField(host), reason: 'agent-unavailable' },
    });
  }
  if (error.level === 'client-socket') return unreachable(via, host, port, error);
  return new AirlockError('E_UNREACHABLE', {
    message: `The SSH handshake with ${what(via)} at ${host}:${port} failed, so Airlock did not connect.`,
    details: { via, ...hostField(host), reason: error.level === 'protocol' ? 'closed-before-handshake' : 'handshake-failed' },
  });
}

/** The server closed the connection before it was up, without saying why. */
export function closedBeforeReady(via: Via, host: string, port: number): AirlockError {
  return new AirlockError('E_UNREACHABLE', {
    message: `${What(via)} at ${host}:${port} closed the connection before Airlock could sign in.`,
    details: { via, ...hostField(host), reason: 'closed' },
  });
}

/** The route went down: no reconnect here (the route manager decides), every open stream fails with this. */
export function dropped(via: Via, host: string, port: number, cause?: Ssh2Error): AirlockError {
  const why = cause?.level === 'client-timeout' ? ' (it stopped answering keepalives)' : '';
  return new AirlockError('E_ROUTE_DROPPED', {
    message: `The private route through ${what(via)} at ${host}:${port} dropped${why}.`,
    details: { via },
  });
}

/** The route was closed on purpose; asking it for a stream is the same as asking a dropped one. */
export function closedRoute(via: Via, host: string, port: number): AirlockError {
  return new AirlockError('E_ROUTE_DROPPED', { message: `The private route through ${what(via)} at ${host}:${port} is closed.`, details: { via } });
}

/** RFC 4254 §5.1 reason codes of a refused channel. */
const OPEN_FAILURE: Readonly<Record<number, string>> = { 1: 'administratively-prohibited', 2: 'connect-failed', 3: 'unknown-channel-type', 4: 'resource-shortage' };

/** The far side refused a stream to host:port (not allowed, or it could not connect). */
export function channelRefused(via: Via, host: string, port: number, error: Ssh2Error): AirlockError {
  const reason = typeof error.reason === 'number' ? (OPEN_FAILURE[error.reason] ?? 'open-failed') : 'open-failed';
  const words = reason === 'administratively-prohibited' ? 'refused to forward to it' : reason === 'connect-failed' ? 'could not connect to it' : 'could not open a channel to it';
  return new AirlockError('E_UNREACHABLE', {
    message: `${host}:${port} could not be reached through ${what(via)}: the jump host ${words}.`,
    details: { via, ...hostField(host), reason },
  });
}

/** A caller's AbortSignal fired: its own typed reason, else a timeout in words. */
export function aborted(signal: AbortSignal, doing: string): AirlockError {
  const reason: unknown = signal.reason;
  if (reason instanceof AirlockError) return reason;
  return new AirlockError('E_TIMEOUT', { message: `Airlock stopped ${doing} before it finished.` });
}
