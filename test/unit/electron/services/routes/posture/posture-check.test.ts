// The VPN posture check: every answer inside the private ranges, chain shown; a public answer, NXDOMAIN, no
// answer and a timeout each refused as E_NOT_PRIVATE with its reason, in words, with details the schema accepts.
import { describe, expect, it } from 'vitest';
import { checkPosture } from '../../../../../../electron/services/routes/posture/posture-check';
import { privateRanges } from '../../../../../../electron/services/routes/posture/private-ranges';
import { DnsFailure, type ResolverPort } from '../../../../../../electron/services/routes/resolver/resolver-port';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';
import { ERROR_DETAILS } from '../../../../../../shared/errors/details';

const HOST = 'ep1.eastus.inference.ml.azure.com';
const PRIVATE_NAME = 'ep1.0a1b2c3d.inference.eastus.privatelink.api.azureml.ms';
const ranges = privateRanges(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fd00::/8']);

function resolver(answer: string[] | DnsFailure, chain: string[] = [HOST, PRIVATE_NAME]): ResolverPort {
  return {
    lookup: async () => {
      if (answer instanceof DnsFailure) throw answer;
      return answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
    cnameChain: async () => chain,
  };
}

async function refusal(answer: string[] | DnsFailure, chain?: string[]): Promise<AirlockError> {
  const error = await checkPosture(HOST, { resolver: resolver(answer, chain), ranges }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AirlockError);
  const airlock = error as AirlockError;
  expect(airlock.code).toBe('E_NOT_PRIVATE');
  expect(ERROR_DETAILS.E_NOT_PRIVATE.safeParse(airlock.details).success).toBe(true);
  return airlock;
}

describe('private ranges', () => {
  it('matches IPv4 and IPv6 CIDRs, IPv4-mapped IPv6 as IPv4, and ignores zone ids', () => {
    expect(['10.0.1.4', '172.31.255.255', '192.168.0.1', '100.64.0.9', 'fd12::4', '::ffff:10.2.3.4', 'fd00::1%eth0'].map((a) => ranges.contains(a))).toEqual([true, true, true, true, true, true, true]);
    expect(['20.43.1.5', '172.32.0.1', '100.128.0.1', '2001:db8::1', '::ffff:52.1.1.1', 'not-an-address'].map((a) => ranges.contains(a))).toEqual([false, false, false, false, false, false]);
  });
});

describe('posture check', () => {
  it('passes a name whose every answer is private, with its CNAME chain', async () => {
    const verdict = await checkPosture(HOST, { resolver: resolver(['10.0.1.4', 'fd00::4']), ranges });
    expect(verdict).toEqual({ host: HOST, addresses: [{ address: '10.0.1.4', family: 4 }, { address: 'fd00::4', family: 6 }], chain: [HOST, PRIVATE_NAME] });
  });

  it('refuses a public answer in words, naming the address and the chain that led to it', async () => {
    const error = await refusal(['52.170.1.9'], [HOST]);
    expect(error.message).toContain('Private DNS is not answering: connect to the VPN');
    expect(error.message).toContain('52.170.1.9');
    expect(error.details).toEqual({ host: HOST, address: '52.170.1.9', chain: HOST, reason: 'public-answer' });
    expect(error.retryable).toBe(true);
  });

  it('refuses a mix: one public answer among private ones is enough', async () => {
    const error = await refusal(['10.0.1.4', '20.1.2.3']);
    expect(error.details).toMatchObject({ address: '20.1.2.3', chain: `${HOST} → ${PRIVATE_NAME}` });
  });

  it.each([
    ['NXDOMAIN', new DnsFailure('nxdomain', 'ENOTFOUND'), 'nxdomain', 'does not exist'],
    ['a timeout', new DnsFailure('timeout', 'ETIMEOUT'), 'timeout', 'did not answer'],
    ['a name without an address', new DnsFailure('no-answer', 'ENODATA'), 'no-answer', 'has no address'],
  ])('refuses %s with its own reason', async (_label, failure, reason, words) => {
    const error = await refusal(failure, [HOST]);
    expect(error.details).toEqual({ host: HOST, chain: HOST, reason });
    expect(error.message).toContain(words);
    expect(error.message).toContain('private DNS is not answering: connect to the VPN');
  });

  it('leaves a host that is no host name out of the details, so the refusal still crosses the gateway', async () => {
    const error = (await checkPosture('a.-b.example', { resolver: resolver(['52.1.1.1'], ['a.-b.example']), ranges }).then(
      () => expect.fail('a public answer was accepted'),
      (e: unknown) => e,
    )) as AirlockError;
    expect(error.details).not.toHaveProperty('host');
    expect(ERROR_DETAILS.E_NOT_PRIVATE.safeParse(error.details).success).toBe(true);
  });

  it('refuses an empty answer, and keeps odd chain names out of the details', async () => {
    const error = await refusal([], [HOST, 'bad name!', PRIVATE_NAME]);
    expect(error.details).toEqual({ host: HOST, chain: `${HOST} → ${PRIVATE_NAME}`, reason: 'no-answer' });
  });
});
