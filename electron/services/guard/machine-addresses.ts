// This machine's addresses, for policy conditions like ip_range and the audit record: the non-internal IPv4
// and IPv6 addresses of its interfaces, read through a port (os.networkInterfaces by default) and cached for
// a short while, so the guard does not walk the interfaces on every call yet still sees a new network soon.
// Never fails a call: interfaces that cannot be read are "no addresses".
import os, { type NetworkInterfaceInfo } from 'node:os';
import type { Clock } from '../ports';

export interface MachineAddresses {
  current(): readonly string[];
}

export interface MachineAddressesDeps {
  readonly clock: Clock;
  /** How long one reading is used (default 30 s). */
  readonly ttlMs?: number;
  readonly read?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
}

const DEFAULT_TTL_MS = 30_000;

export function createMachineAddresses(deps: MachineAddressesDeps): MachineAddresses {
  const ttl = deps.ttlMs ?? DEFAULT_TTL_MS;
  const read = deps.read ?? os.networkInterfaces;
  let cached: { readonly at: number; readonly addresses: readonly string[] } | null = null;

  function readNow(): readonly string[] {
    try {
      const found = new Set<string>();
      for (const infos of Object.values(read())) for (const info of infos ?? []) if (!info.internal) found.add(info.address);
      return Object.freeze([...found]);
    } catch {
      return Object.freeze([]);
    }
  }

  return {
    current() {
      const now = deps.clock.monotonicMs();
      if (!cached || now - cached.at > ttl) cached = { at: now, addresses: readNow() };
      return cached.addresses;
    },
  };
}
