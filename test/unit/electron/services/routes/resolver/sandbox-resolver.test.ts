// The sandbox resolver asks only the loopback DNS server it is given: private names through their privatelink
// CNAME to 10.x, the chain hop by hop, NXDOMAIN and a server that never answers (timed out by the scheduler
// port, so no test waits) each as a typed DnsFailure. The OS adapter's verdict comes from getaddrinfo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemScheduler } from '../../../../../../electron/services/ports';
import { createOsResolver } from '../../../../../../electron/services/routes/resolver/os-resolver';
import { DnsFailure } from '../../../../../../electron/services/routes/resolver/resolver-port';
import { createSandboxResolver } from '../../../../../../electron/services/routes/resolver/sandbox-resolver';
import { createManualTime } from '../manual-time';
import { startTinyDnsServer, type TinyDnsServer } from '../tiny-dns-server';

const WS = '0a1b2c3d-0000-4000-8000-000000000001.workspace.eastus.api.azureml.ms';
const WS_PRIVATE = '0a1b2c3d-0000-4000-8000-000000000001.workspace.eastus.privatelink.api.azureml.ms';
let dns: TinyDnsServer;

beforeAll(async () => {
  dns = await startTinyDnsServer(
    {
      [WS]: { cname: WS_PRIVATE },
      [WS_PRIVATE]: { a: ['10.0.1.4'] },
      'six.sandbox.test': { aaaa: ['fd00::6'] },
    },
    ['silent.sandbox.test'],
  );
});
afterAll(() => dns.close());

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as DnsFailure);

describe('sandbox resolver', () => {
  it('resolves a private name through its privatelink CNAME, and shows the chain', async () => {
    const resolver = createSandboxResolver({ dnsServer: { host: '127.0.0.1', port: dns.port }, scheduler: systemScheduler });
    expect(await resolver.lookup(WS)).toEqual([{ address: '10.0.1.4', family: 4 }]);
    expect(await resolver.lookup('six.sandbox.test')).toEqual([{ address: 'fd00::6', family: 6 }]);
    expect(await resolver.cnameChain(WS)).toEqual([WS, WS_PRIVATE]);
    expect(await resolver.cnameChain('six.sandbox.test')).toEqual(['six.sandbox.test']);
  });

  it('reports NXDOMAIN as such', async () => {
    const resolver = createSandboxResolver({ dnsServer: { host: '127.0.0.1', port: dns.port }, scheduler: systemScheduler });
    const failure = await failureOf(resolver.lookup('nobody.sandbox.test'));
    expect(failure).toBeInstanceOf(DnsFailure);
    expect(failure?.kind).toBe('nxdomain');
  });

  it('times out on a server that never answers, when the scheduler says so', async () => {
    const time = createManualTime();
    const resolver = createSandboxResolver({ dnsServer: { host: '127.0.0.1', port: dns.port }, scheduler: time.scheduler, timeoutMs: 3_000 });
    const pending = failureOf(resolver.lookup('silent.sandbox.test'));
    await time.advance(3_000);
    const failure = await pending;
    expect(failure?.kind).toBe('timeout');
    expect(dns.queries).toContain('silent.sandbox.test/1');
  });

  it('refuses a DNS server that is not on loopback', () => {
    expect(() => createSandboxResolver({ dnsServer: { host: '10.0.0.53', port: 53 }, scheduler: systemScheduler })).toThrow(/loopback/);
  });
});

describe('OS resolver', () => {
  it('gives getaddrinfo’s answers for the verdict (localhost is loopback)', async () => {
    const answers = await createOsResolver({ scheduler: systemScheduler }).lookup('localhost');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every(({ address }) => address === '::1' || address.startsWith('127.'))).toBe(true);
  });
});
