// Is an address inside the environment's private ranges? CIDR membership for IPv4 and IPv6 through Node's
// BlockList (an IPv4-mapped IPv6 answer counts as its IPv4 address). Pure: addresses are data, never dialled.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export interface PrivateRanges {
  contains(address: string): boolean;
}

export function privateRanges(cidrs: readonly string[]): PrivateRanges {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefix = ''] = cidr.split('/');
    list.addSubnet(network, Number(prefix), isIPv6(network) ? 'ipv6' : 'ipv4');
  }
  return {
    contains(address) {
      const bare = address.replace(/%.*$/, ''); // a zone id (fe80::1%eth0) says where, not what
      const mapped = /^::ffff:([0-9.]+)$/i.exec(bare)?.[1];
      if (mapped && isIPv4(mapped)) return list.check(mapped, 'ipv4');
      if (isIPv4(bare)) return list.check(bare, 'ipv4');
      if (isIPv6(bare)) return list.check(bare, 'ipv6');
      return false;
    },
  };
}
