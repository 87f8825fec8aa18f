// The `network` block of an environment file, checked strictly: private ranges as CIDRs, the jump host with its
// pinned key, Bastion as ARM resource ids, the canary name, and — for the sandbox only — its loopback DNS server
// and the service-port map. A custom environment that names sandbox-only fields is refused, never half-used:
// those fields would let a file steer Airlock's resolver or dialler, which only the local sandbox may do.
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';

const DnsLabel = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const HostName = z.string().max(253).regex(new RegExp(`^${DnsLabel}(?:\\.${DnsLabel})*$`, 'i'), 'a host name or IPv4 address');
const DnsName = z.string().max(253).regex(new RegExp(`^${DnsLabel}(?:\\.${DnsLabel})+$`, 'i'), 'a DNS name');
const Port = z.number().int().min(1).max(65535);
const Fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'SHA256: and 43 base64 characters');
const ArmSegment = '[A-Za-z0-9_.()-]{1,90}';
const armId = (provider: string) =>
  z.string().max(512).regex(new RegExp(`^/subscriptions/${ArmSegment}/resourceGroups/${ArmSegment}/providers/${provider}/${ArmSegment}$`, 'i'), `an ARM id of ${provider}`);

/** `a.b.c.d/n` or `v6/n`, with a prefix that fits the family (Node's BlockList is the judge, as for matching). */
const Cidr = z.string().max(64).refine((value) => {
  const [address = '', prefix, ...rest] = value.split('/');
  if (rest.length > 0 || prefix === undefined || !/^[0-9]{1,3}$/.test(prefix)) return false;
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (!family || Number(prefix) > (family === 'ipv4' ? 32 : 128)) return false;
  try {
    new BlockList().addSubnet(address, Number(prefix), family);
    return true;
  } catch {
    return false;
  }
}, 'a CIDR range such as 10.0.0.0/8');

/** The sandbox's DNS server and service ports are loopback; anything else would make Airlock dial out. */
const LoopbackAddress = z.string().regex(/^(?:127\.(?:[0-9]{1,3}\.){2}[0-9]{1,3}|::1)$/, 'a loopback address');
/** `name:port`, `a.b.c.d:port` or `[v6]:port`, as the sandbox keys its service ports. */
const ServiceKey = z.string().max(300).regex(new RegExp(`^(?:${DnsLabel}(?:\\.${DnsLabel})*|\\[[0-9a-f:.]{2,45}\\]):[0-9]{1,5}$`, 'i'), 'host:port');

export const NetworkFileSchema = z.strictObject({
  privateRanges: z.array(Cidr).min(1).max(32),
  jumpHost: z.strictObject({ host: HostName, port: Port, hostKeySha256: Fingerprint.optional() }).optional(),
  bastion: z
    .strictObject({
      bastionResourceId: armId('Microsoft\\.Network/bastionHosts'),
      vmResourceId: armId('Microsoft\\.Compute/virtualMachines'),
      vmPort: Port,
      /** The jump VM's SSH host key, pinned over the Bastion tunnel as jumpHost.hostKeySha256 is for the jump host. */
      vmHostKeySha256: Fingerprint.optional(),
    })
    .optional(),
  canaryHost: DnsName.optional(),
  dnsServer: z.strictObject({ host: LoopbackAddress, port: Port }).optional(),
  servicePorts: z.record(ServiceKey, Port).optional(),
});

export type NetworkFile = z.infer<typeof NetworkFileSchema>;

/** Fields only a sandbox environment may carry. */
export const SANDBOX_ONLY_NETWORK_FIELDS = ['dnsServer', 'servicePorts'] as const;
