// The sandbox's private network: a private DNS zone (public name → CNAME into privatelink → A 10.0.x.y) and
// the loopback port that plays each private host:port and address:port. The 10.x addresses are DATA: the
// DNS server answers them and `addressServicePorts()` maps them to loopback; nothing ever dials one. Hosts
// not published here do not exist for the DNS server, the jump host or Bastion. A few public names
// (Bastion's dnsName) answer with a public address in either VPN state and are never forwarded to.
import type { PrivateNetwork } from '../context';

interface Entry {
  readonly hostname: string;
  readonly port: number;
  readonly loopbackPort: number;
  readonly cname: string | undefined;
  /** Index of the address group (a private endpoint's NIC): its private and public addresses. */
  readonly group: number;
}

interface PublicEntry {
  readonly hostname: string;
  readonly port: number;
  readonly loopbackPort: number;
  readonly address: string;
}

const normal = (hostname: string) => hostname.trim().toLowerCase().replace(/\.$/, '');
const key = (hostname: string, port: number) => `${normal(hostname)}:${port}`;

/** Azure keeps .0–.3 of a subnet; the first private endpoint gets .4, as in a real VNET. */
const privateAddressOf = (n: number) => `10.0.${1 + Math.floor(n / 250)}.${4 + (n % 250)}`;
/** What public DNS would answer off the VPN (Azure front ends' space); data only, never dialled. */
const publicAddressOf = (n: number) => `52.236.${1 + Math.floor(n / 250)}.${10 + (n % 250)}`;

export function createPrivateNetwork(address = '127.0.0.1'): PrivateNetwork {
  const entries = new Map<string, Entry>();
  const publicEntries = new Map<string, PublicEntry>();
  const groups = new Map<string, number>();
  const addresses: Array<{ private: string; public: string }> = [];

  let nextAuto = 0;
  const groupFor = (name: string, fixed: string | undefined): number => {
    const existing = groups.get(name);
    if (existing !== undefined) return existing;
    const used = new Set(addresses.map((a) => a.private));
    if (fixed !== undefined && used.has(fixed)) throw new Error(`private address ${fixed} already belongs to another host`);
    let chosen = fixed;
    while (chosen === undefined || (fixed === undefined && used.has(chosen))) chosen = privateAddressOf(nextAuto++);
    const n = addresses.length;
    addresses.push({ private: chosen, public: publicAddressOf(n) });
    groups.set(name, n);
    return n;
  };
  /** Private address:port → loopback port, from what is published now (a re-published host replaces itself). */
  const byAddress = () => new Map([...entries.values()].map((e) => [`${addresses[e.group]!.private}:${e.port}`, e.loopbackPort]));

  /** The entry answering for `name` as a public name or as its privatelink CNAME. */
  const findName = (name: string): { entry: Entry; viaCname: boolean } | null => {
    for (const e of entries.values()) {
      if (e.hostname === name) return { entry: e, viaCname: false };
      if (e.cname === name) return { entry: e, viaCname: true };
    }
    return null;
  };

  return {
    publish({ hostname, port, loopbackPort, cname, addressGroup, privateAddress }) {
      const group = groupFor(addressGroup ? `group:${addressGroup}` : `host:${normal(hostname)}`, privateAddress);
      const addressPort = `${addresses[group]!.private}:${port}`;
      const clash = [...entries.values()].find((e) => e.group === group && e.port === port && e.loopbackPort !== loopbackPort && e.hostname !== normal(hostname));
      if (clash) throw new Error(`${addressPort} is already played by loopback port ${clash.loopbackPort} (${clash.hostname})`);
      entries.set(key(hostname, port), { hostname: normal(hostname), port, loopbackPort, cname: cname ? normal(cname) : undefined, group });
    },
    publishPublic({ hostname, port, loopbackPort, publicAddress }) {
      publicEntries.set(key(hostname, port), { hostname: normal(hostname), port, loopbackPort, address: publicAddress });
    },
    route(hostname, port) {
      const entry = entries.get(key(hostname, port));
      return entry ? { host: '127.0.0.1', port: entry.loopbackPort } : null;
    },
    routeAddress(literal, port) {
      const loopbackPort = byAddress().get(`${literal.trim()}:${port}`);
      return loopbackPort === undefined ? null : { host: '127.0.0.1', port: loopbackPort };
    },
    resolve(rawName, vpn) {
      const name = normal(rawName);
      const pub = [...publicEntries.values()].find((e) => e.hostname === name);
      if (pub) return { cnames: [], addresses: [pub.address] };
      const found = findName(name);
      if (!found) return null;
      const { entry, viaCname } = found;
      const group = addresses[entry.group]!;
      if (vpn === 'on') return { cnames: !viaCname && entry.cname ? [entry.cname] : [], addresses: [group.private] };
      // Off the VPN only public names exist; the privatelink zone and internal names do not.
      if (viaCname || !entry.cname) return null;
      return { cnames: [], addresses: [group.public] };
    },
    records() {
      const records: Record<string, { cname?: string; a: string[] }> = {};
      for (const e of entries.values()) {
        if (e.cname) {
          records[e.hostname] = { cname: e.cname, a: [address] };
          records[e.cname] = { a: [address] };
        } else {
          records[e.hostname] = { a: [address] };
        }
      }
      return records;
    },
    servicePorts() {
      return Object.fromEntries([...entries.values()].map((e) => [key(e.hostname, e.port), e.loopbackPort]));
    },
    addressServicePorts() {
      return { ...Object.fromEntries(byAddress()), ...Object.fromEntries([...publicEntries.values()].map((e) => [key(e.hostname, e.port), e.loopbackPort])) };
    },
  };
}
