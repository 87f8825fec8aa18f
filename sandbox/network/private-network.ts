// The sandbox's private network: a private DNS zone (public name → CNAME into privatelink → A record on
// loopback) and the loopback port that plays each private host:port. Hosts not published here do not exist
// for the jump host or Bastion.
import type { PrivateNetwork } from '../context';

interface Entry {
  readonly hostname: string;
  readonly port: number;
  readonly loopbackPort: number;
  readonly cname: string | undefined;
}

const key = (hostname: string, port: number) => `${hostname.toLowerCase().replace(/\.$/, '')}:${port}`;

export function createPrivateNetwork(address = '127.0.0.1'): PrivateNetwork {
  const entries = new Map<string, Entry>();
  return {
    publish({ hostname, port, loopbackPort, cname }) {
      entries.set(key(hostname, port), { hostname: hostname.toLowerCase(), port, loopbackPort, cname: cname?.toLowerCase() });
    },
    route(hostname, port) {
      const entry = entries.get(key(hostname, port));
      return entry ? { host: '127.0.0.1', port: entry.loopbackPort } : null;
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
  };
}
