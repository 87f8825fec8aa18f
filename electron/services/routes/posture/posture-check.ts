// The VPN posture check: a name must resolve — through the resolver the HTTP stack uses — only to addresses
// inside the environment's private ranges, or it is refused before any byte is sent to it. The CNAME chain is
// fetched alongside and shown, so people can see where a public answer came from. A name that does not exist
// and a resolver that does not answer are refused too, each with its own reason. Never dials anything.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';
import { DnsFailure, dnsFailureOf, type ResolvedAddress, type ResolverPort } from '../resolver/resolver-port';
import type { PrivateRanges } from './private-ranges';

export interface PostureVerdict {
  readonly host: string;
  /** Every answer, all inside the private ranges. */
  readonly addresses: readonly ResolvedAddress[];
  /** The name, then its CNAME targets (diagnostics). */
  readonly chain: readonly string[];
}

export interface PostureDeps {
  readonly resolver: ResolverPort;
  readonly ranges: PrivateRanges;
}

export async function checkPosture(host: string, { resolver, ranges }: PostureDeps, signal?: AbortSignal): Promise<PostureVerdict> {
  const chainPromise = resolver.cnameChain(host).catch(() => [host]);
  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await resolver.lookup(host, signal);
  } catch (error) {
    throw dnsRefusal(host, dnsFailureOf(error), await chainPromise);
  }
  const chain = await chainPromise;
  if (addresses.length === 0) throw dnsRefusal(host, new DnsFailure('no-answer', 'ENODATA'), chain);
  const outside = addresses.find(({ address }) => !ranges.contains(address));
  if (outside) {
    throw new AirlockError('E_NOT_PRIVATE', {
      message: `Private DNS is not answering: connect to the VPN. ${host} resolved to ${outside.address}, which is outside your organization’s private ranges (${chainText(chain)}), so Airlock sent nothing to it.`,
      details: notPrivateDetails(host, chain, 'public-answer', outside.address),
    });
  }
  return { host, addresses, chain };
}

function dnsRefusal(host: string, failure: DnsFailure, chain: readonly string[]): AirlockError {
  const words: Record<DnsFailure['kind'], string> = {
    nxdomain: `${host} does not exist for the DNS Airlock asked: private DNS is not answering: connect to the VPN, or check the name.`,
    timeout: `DNS did not answer for ${host} in time: private DNS is not answering: connect to the VPN.`,
    'no-answer': `${host} exists but has no address: private DNS is not answering: connect to the VPN.`,
    error: `${host} could not be resolved (${failure.dnsCode}): private DNS is not answering: connect to the VPN.`,
  };
  return new AirlockError('E_NOT_PRIVATE', { message: words[failure.kind], details: notPrivateDetails(host, chain, failure.kind === 'error' ? failure.dnsCode : failure.kind) });
}

const NAME_DETAIL = /^[A-Za-z0-9.-]{1,253}$/;

/** Details stay inside their declared shapes (shared/errors/details.ts): an odd name is left out, not forced in. */
function notPrivateDetails(host: string, chain: readonly string[], reason: string, address?: string) {
  const names = chain.filter((name) => NAME_DETAIL.test(name)).slice(0, 10);
  while (names.join(' → ').length > 700) names.pop();
  const bare = address?.replace(/%.*$/, '');
  return {
    ...(hostDetail(host) ? { host } : {}),
    ...(bare && /^[0-9A-Fa-f:.]{2,45}$/.test(bare) ? { address: bare } : {}),
    ...(names.length > 0 ? { chain: names.join(' → ') } : {}),
    reason: codeDetail(reason) ?? 'error',
  };
}

const chainText = (chain: readonly string[]) => (chain.length > 1 ? `via ${chain.join(' → ')}` : 'no CNAME');
