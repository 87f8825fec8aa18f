// `npm run sandbox -- vpn on|off`: flips a RUNNING sandbox's private DNS from another process (preview users,
// e2e tests): writes DIR/network-mode.json, which the sandbox watches (network/network-control.ts), then asks
// the sandbox's DNS server for the canary name until it answers that way (private 10.x for on, public for
// off). It only queries the loopback DNS server environment.json names; it never dials an answer.
import { Resolver } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENVIRONMENT_FILE } from './environment/environment-file';
import { writeNetworkControl } from './network/network-control';

export type FlipResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

interface NetworkView {
  readonly dnsServer: { host: string; port: number };
  readonly canaryHost: string;
}

function networkOf(parsed: unknown): NetworkView | null {
  const network = typeof parsed === 'object' && parsed !== null ? (parsed as { network?: Partial<NetworkView> }).network : undefined;
  const dns = network?.dnsServer;
  if (!dns || dns.host !== '127.0.0.1' || typeof dns.port !== 'number' || typeof network.canaryHost !== 'string') return null;
  return { dnsServer: dns, canaryHost: network.canaryHost };
}

const isPrivate = (address: string) => /^10\./.test(address);

export async function flipVpn(stateDir: string, vpn: 'on' | 'off', options: { attempts?: number; intervalMs?: number } = {}): Promise<FlipResult> {
  const file = path.join(stateDir, ENVIRONMENT_FILE);
  let network: NetworkView | null = null;
  try {
    network = networkOf(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return { ok: false, message: `no sandbox environment at ${file}: start the sandbox first (npm run sandbox, npm run preview or npm start)` };
  }
  if (!network) return { ok: false, message: `${file} has no private network: restart the sandbox with this version` };

  await writeNetworkControl(stateDir, { vpn });
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([`${network.dnsServer.host}:${network.dnsServer.port}`]);
  const attempts = options.attempts ?? 50;
  let last = 'no answer';
  for (let i = 0; i < attempts; i++) {
    const answer = await resolver.resolve4(network.canaryHost).then(
      (addresses) => addresses,
      (error: NodeJS.ErrnoException) => error.code ?? 'error',
    );
    if (Array.isArray(answer)) {
      last = answer.join(', ');
      if (answer.length > 0 && answer.every((a) => isPrivate(a) === (vpn === 'on'))) {
        return { ok: true, text: `VPN ${vpn}: ${network.canaryHost} now answers ${last} (${vpn === 'on' ? 'private' : 'public'})` };
      }
    } else {
      last = answer;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
  return { ok: false, message: `the sandbox in ${stateDir} did not switch the VPN ${vpn} (its DNS server said: ${last}); is it running?` };
}
