// The sandbox resolver adapter: asks the sandbox's own DNS server on loopback (it plays the VPN's private
// resolver), so the posture check runs against the same private and public answers a real VPN would give.
// Used only for sandbox environments; it never sends a query anywhere but the loopback server it is given.
import { Resolver } from 'node:dns/promises';
import type { Scheduler } from '../../ports';
import { withTimeout } from './os-resolver';
import { DnsFailure, dnsFailureOf, followCnames, type ResolvedAddress, type ResolverPort } from './resolver-port';

export interface SandboxResolverOptions {
  readonly dnsServer: { readonly host: string; readonly port: number };
  readonly scheduler: Scheduler;
  readonly timeoutMs?: number;
}

export function createSandboxResolver({ dnsServer, scheduler, timeoutMs = 5_000 }: SandboxResolverOptions): ResolverPort {
  if (!/^(?:127\.[0-9.]+|::1)$/.test(dnsServer.host)) throw new Error('the sandbox resolver asks loopback only');
  const server = dnsServer.host.includes(':') ? `[${dnsServer.host}]:${dnsServer.port}` : `${dnsServer.host}:${dnsServer.port}`;
  const fresh = () => {
    // c-ares' own timer stays well inside ours, so a "no answer" server ends in our typed timeout either way.
    const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
    resolver.setServers([server]);
    return resolver;
  };
  return {
    lookup: (host, signal) => {
      const resolver = fresh();
      return withTimeout(scheduler, timeoutMs, signal, resolveBoth(resolver, host), () => resolver.cancel());
    },
    cnameChain: (host) => {
      const resolver = fresh();
      return followCnames(host, (name) => resolver.resolveCname(name));
    },
  };
}

/** A and AAAA (CNAMEs followed by the server); the name fails only when neither family answers. */
async function resolveBoth(resolver: Resolver, host: string): Promise<readonly ResolvedAddress[]> {
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
  const addresses: ResolvedAddress[] = [
    ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 as const })) : []),
    ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 as const })) : []),
  ];
  if (addresses.length > 0) return addresses;
  const failures = [v4, v6].flatMap((r) => (r.status === 'rejected' ? [dnsFailureOf(r.reason)] : []));
  // NXDOMAIN wins over "no AAAA"; a timeout on either wins over "no data".
  throw failures.find((f) => f.kind === 'nxdomain') ?? failures.find((f) => f.kind === 'timeout') ?? failures[0] ?? new DnsFailure('no-answer', 'ENODATA');
}
