// The resolver port: how a route asks "where does this name go?". Two questions, kept apart on purpose:
// `lookup` gives the verdict (what the HTTP stack would dial), `cnameChain` only explains it to people.
// Adapters answer or fail with a DnsFailure; they never decide what is private (the posture check does).

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export interface ResolverPort {
  /** Every address the name resolves to, in the resolver's order. Fails with DnsFailure. */
  lookup(host: string, signal?: AbortSignal): Promise<readonly ResolvedAddress[]>;
  /** The name, then each CNAME target in turn (at most 10 names). Diagnostics only: never fails, at worst `[host]`. */
  cnameChain(host: string): Promise<readonly string[]>;
}

/** nxdomain: the name does not exist · timeout: no answer in time · no-answer: exists, no address · error: anything else. */
export type DnsFailureKind = 'nxdomain' | 'timeout' | 'no-answer' | 'error';

export class DnsFailure extends Error {
  constructor(
    readonly kind: DnsFailureKind,
    /** Node's or c-ares' code (ENOTFOUND, ETIMEOUT …), for details; never words from outside. */
    readonly dnsCode: string,
  ) {
    super(`DNS ${kind} (${dnsCode})`);
    this.name = 'DnsFailure';
  }
}

/** Maps Node's getaddrinfo / c-ares codes to what the posture check reports. */
export function dnsFailureOf(error: unknown): DnsFailure {
  if (error instanceof DnsFailure) return error;
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'EUNKNOWN';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
      return new DnsFailure('nxdomain', code);
    case 'ETIMEOUT':
    case 'EAI_AGAIN':
      return new DnsFailure('timeout', code);
    case 'ENODATA':
    case 'EAI_NODATA':
      return new DnsFailure('no-answer', code);
    default:
      return new DnsFailure('error', /^[A-Z0-9_]{1,32}$/.test(code) ? code : 'EUNKNOWN');
  }
}

/** The longest chain followed: a loop or a very long chain stops here (details hold at most 10 names). */
export const MAX_CHAIN = 10;

/** Follows CNAMEs one hop at a time with `resolveCname`; stops at the first name without one, or on any error. */
export async function followCnames(host: string, resolveCname: (name: string) => Promise<string[]>): Promise<readonly string[]> {
  const chain = [stripDot(host)];
  while (chain.length < MAX_CHAIN) {
    let next: string | undefined;
    try {
      next = (await resolveCname(chain.at(-1)!))[0];
    } catch {
      break;
    }
    if (!next || chain.includes(stripDot(next))) break;
    chain.push(stripDot(next));
  }
  return chain;
}

const stripDot = (name: string) => name.replace(/\.$/, '').toLowerCase();
