// The network a machine address belongs to, for the new-network hint: its /24 (IPv4) or /64 (IPv6), written
// canonically ('192.0.2.0/24', '2001:db8:1:2::/64'). Link-local and unparseable addresses belong to no
// network worth noticing (every machine has fe80::/64; 169.254/16 only says DHCP failed). Never resolves names.
import { isIPv4, isIPv6 } from 'node:net';

function ipv6Groups(address: string): number[] | null {
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const piece of part.split(':')) {
      if (isIPv4(piece)) {
        const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
        groups.push((a << 8) | b, (c << 8) | d);
      } else groups.push(Number.parseInt(piece, 16));
    }
    return groups.some((g) => Number.isNaN(g)) ? null : groups;
  };
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  if (!left || !right) return null;
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}

function ipv4Network(address: string): string | null {
  const [a, b, c] = address.split('.').map(Number);
  if (a === 169 && b === 254) return null;
  return `${a}.${b}.${c}.0/24`;
}

export function networkOf(raw: string): string | null {
  const address = raw.split('%')[0] ?? '';
  if (isIPv4(address)) return ipv4Network(address);
  if (!isIPv6(address)) return null;
  const groups = ipv6Groups(address.toLowerCase());
  if (!groups) return null;
  // An IPv4-mapped address (::ffff:a.b.c.d) is that IPv4 address.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return ipv4Network(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (((groups[0] ?? 0) & 0xffc0) === 0xfe80) return null;
  const prefix = groups.slice(0, 4);
  while (prefix.length > 0 && prefix.at(-1) === 0) prefix.pop();
  return `${prefix.map((g) => g.toString(16)).join(':')}::/64`;
}
