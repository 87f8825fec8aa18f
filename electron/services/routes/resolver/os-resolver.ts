// The OS resolver adapter, for real machines: the verdict comes from getaddrinfo (`dns.lookup`, all answers),
// because that is what the HTTP stack dials and it honours hosts files, NSS, split DNS and VPN resolvers; the
// CNAME chain comes from a fresh c-ares Resolver per check (c-ares reads resolv.conf once per channel and
// misses DNS-server changes on an old one). Never used to decide anything from the chain alone.
import { lookup, Resolver } from 'node:dns/promises';
import type { Scheduler } from '../../ports';
import { DnsFailure, dnsFailureOf, followCnames, type ResolvedAddress, type ResolverPort } from './resolver-port';

export interface OsResolverOptions {
  readonly scheduler: Scheduler;
  /** getaddrinfo has no timeout of its own; its late answer is ignored. */
  readonly timeoutMs?: number;
}

export function createOsResolver({ scheduler, timeoutMs = 5_000 }: OsResolverOptions): ResolverPort {
  return {
    lookup: (host, signal) =>
      withTimeout(
        scheduler,
        timeoutMs,
        signal,
        lookup(host, { all: true, verbatim: true }).then((answers) => answers.map(({ address, family }): ResolvedAddress => ({ address, family: family === 6 ? 6 : 4 }))),
      ),
    cnameChain: (host) => {
      const resolver = new Resolver({ timeout: Math.min(timeoutMs, 2_000), tries: 1 });
      return followCnames(host, (name) => resolver.resolveCname(name));
    },
  };
}

/** Races a DNS answer against the scheduler (so tests stay deterministic) and the caller's signal. */
export function withTimeout<T>(scheduler: Scheduler, timeoutMs: number, signal: AbortSignal | undefined, answer: Promise<T>, cancel?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (run: () => void) => {
      if (settled) return;
      settled = true;
      timer.cancel();
      signal?.removeEventListener('abort', onAbort);
      run();
    };
    const giveUp = (code: string) => settle(() => (cancel?.(), reject(new DnsFailure('timeout', code))));
    const timer = scheduler.schedule(timeoutMs, () => giveUp('ETIMEOUT'));
    const onAbort = () => giveUp('EABORTED');
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    answer.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(dnsFailureOf(error))),
    );
  });
}
