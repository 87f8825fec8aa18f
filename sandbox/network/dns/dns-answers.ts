// What the sandbox's resolver says to one question, from the private network and the current mode: the
// CNAME chain then the addresses (A), NXDOMAIN for names the network does not know, no data for AAAA (private
// endpoints are IPv4-only), REFUSED for classes other than IN, NOTIMP for opcodes other than QUERY. TTL 0:
// a VPN flip must show at the next query, so no resolver may cache an answer. Pure; no I/O.
import type { PrivateNetwork } from '../../context';
import type { VpnState } from '../network-mode';
import { CLASS_IN, RCODE, TYPE, type DnsQuery, type DnsRecord } from './dns-wire';

const TTL = 0;

export function answer(network: PrivateNetwork, vpn: VpnState, query: DnsQuery): { rcode: number; records: DnsRecord[] } {
  if (query.opcode !== 0) return { rcode: RCODE.NOTIMP, records: [] };
  if (query.qclass !== CLASS_IN && query.qclass !== 255) return { rcode: RCODE.REFUSED, records: [] };
  const found = network.resolve(query.name, vpn);
  if (!found) return { rcode: RCODE.NXDOMAIN, records: [] };

  const chain: DnsRecord[] = [];
  // The first owner is the name as asked (its letter case too); each CNAME's target owns the next record.
  let owner = query.name;
  for (const target of found.cnames) {
    chain.push({ name: owner, type: TYPE.CNAME, ttl: TTL, target });
    owner = target;
  }
  const addresses: DnsRecord[] = found.addresses.map((address) => ({ name: owner, type: TYPE.A, ttl: TTL, address }));

  switch (query.type) {
    case TYPE.A:
    case TYPE.ANY:
      return { rcode: RCODE.NOERROR, records: [...chain, ...addresses] };
    case TYPE.CNAME:
      return { rcode: RCODE.NOERROR, records: chain.slice(0, 1) };
    default:
      // AAAA and every other type: the chain (a resolver follows it) and no record of that type.
      return { rcode: RCODE.NOERROR, records: chain };
  }
}
