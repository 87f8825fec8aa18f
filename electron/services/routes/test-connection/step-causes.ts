// The words a Test connection shows for a failed step: what went wrong, where, and what to do — public DNS
// answer, host key changed, Bastion refused the token, TLS name mismatch, 401/403, timeout. Built only from
// typed errors' declared details (display-safe), never from raw exception text.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { detailsOf } from '../../../../shared/errors/details';
import type { ConnectionTestStepName } from './connection-test-types';

export interface CauseContext {
  readonly step: ConnectionTestStepName;
  readonly host: string;
  readonly port: number;
}

const STEP_WORDS: Record<ConnectionTestStepName, string> = {
  dns: 'DNS',
  tcp: 'TCP connect',
  route: 'route',
  channel: 'channel',
  tls: 'TLS',
  http: 'HTTP',
};

function notPrivateCause(error: AirlockError, host: string): string {
  const d = detailsOf('E_NOT_PRIVATE', error);
  const chain = d?.chain && d.chain.includes(' → ') ? ` (via ${d.chain})` : '';
  switch (d?.reason) {
    case 'public-answer':
      return `Private DNS gave a public address: ${host} resolved to ${d.address ?? 'a public address'}${chain}. Private DNS is not answering: connect to the VPN.`;
    case 'nxdomain':
      return `${host} does not exist in the DNS this computer asked: private DNS is not answering. Connect to the VPN, or check the name.`;
    case 'timeout':
      return `DNS did not answer for ${host} in time: private DNS is not answering. Connect to the VPN.`;
    default:
      return error.message;
  }
}

function tlsCause(error: AirlockError, host: string): string {
  switch (detailsOf('E_TLS', error)?.reason) {
    case 'name-mismatch':
      return `TLS name mismatch: the certificate the endpoint presented is not for ${host}.`;
    case 'unknown-ca':
      return `The endpoint's certificate is not signed by a certificate authority this environment trusts.`;
    default:
      return error.message;
  }
}

/** Plain words for why `step` failed with `error`. */
export function stepCause(error: unknown, context: CauseContext): string {
  const { step, host, port } = context;
  if (!(error instanceof AirlockError)) return `The ${STEP_WORDS[step]} step failed for an unexpected reason.`;
  switch (error.code) {
    case 'E_NOT_PRIVATE':
      return notPrivateCause(error, host);
    case 'E_HOST_KEY_CHANGED': {
      const d = detailsOf('E_HOST_KEY_CHANGED', error);
      return `The jump host's key changed: Airlock expected ${d?.expected ?? 'the pinned key'} and the host presented ${d?.presented ?? 'another key'}. Do not continue; ask your administrator to confirm the new key.`;
    }
    case 'E_HOST_KEY_UNKNOWN': {
      const d = detailsOf('E_HOST_KEY_UNKNOWN', error);
      return `The jump host presented a key Airlock does not know${d?.presented ? ` (${d.presented})` : ''}, and trusting a key on first use is not allowed here.`;
    }
    case 'E_SSH_AUTH':
      return 'The jump host refused the SSH sign-in (your key or agent was not accepted).';
    case 'E_BASTION_REFUSED': {
      const status = detailsOf('E_BASTION_REFUSED', error)?.status;
      const why =
        status === 401
          ? ': the token was not accepted'
          : status === 403
            ? ': your account needs the Reader role on the VM, its network interface and the Bastion host'
            : status !== undefined && status >= 500
              ? ': Bastion had a server error; try again later'
              : '';
      return `Azure Bastion refused the token${status === undefined ? '' : ` (HTTP ${status})`}${why}.`;
    }
    case 'E_TLS':
      return tlsCause(error, host);
    case 'E_TIMEOUT':
      return `The ${STEP_WORDS[step]} step timed out: no answer in time.`;
    case 'E_UNREACHABLE':
      return `The route could not reach ${host}:${port}: the far side refused or does not know it.`;
    case 'E_ROUTE_DROPPED':
      return 'The route dropped during the test.';
    case 'E_ROUTE_DOWN':
      return 'No private route is up.';
    default:
      return error.message;
  }
}

/** How the http step reads the endpoint's answer to a request without credentials. */
export function httpAnswer(status: number): { readonly ok: boolean; readonly words: string } {
  if (status === 401) return { ok: true, words: 'The endpoint answers and asks for credentials (401).' };
  if (status === 403) return { ok: false, words: 'The endpoint refused the caller (403 Forbidden): public network access may be disabled for it, or your network or role is not allowed.' };
  if (status === 404) return { ok: false, words: 'Nothing answers for this host name at the endpoint (404): check the endpoint name.' };
  if (status === 429) return { ok: true, words: 'The endpoint answers but is busy (429 Too Many Requests).' };
  if (status >= 500) return { ok: false, words: `The endpoint answered with a server error (${status}).` };
  if (status >= 300 && status < 400) return { ok: true, words: `The endpoint answers with a redirect (${status}); Airlock does not follow it.` };
  if (status >= 200 && status < 300) return { ok: true, words: `The endpoint answers without asking for credentials (${status}).` };
  return { ok: true, words: `The endpoint answers (${status}).` };
}
