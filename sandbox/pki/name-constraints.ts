// The names the sandbox CA may vouch for, written into the CA as a critical Name Constraints extension
// (RFC 5280 4.2.1.10): `localhost` (the IdP, ARM, Bastion), `inference.ml.azure.com` (the online endpoints'
// scoring hosts the sandbox plays under their real names, `*.<region>.inference.ml.azure.com`),
// `bastion.sandbox.test` (the Bastion host's `dnsName`, under the reserved .test TLD) and the loopback
// addresses. A verifier that trusts the CA — Node, preview's Chromium — then refuses a certificate it signed for
// any other host, so a leaked sandbox key cannot impersonate the sign-in page or ARM of a real cloud.
// Widen this list only with a name the sandbox itself serves; the CA is remade when it changes.
import { isIP } from 'node:net';
import forge from 'node-forge';

export const NAME_CONSTRAINTS_OID = '2.5.29.30';

/** DNS subtrees: the name itself and every name below it. */
export const PERMITTED_DNS = ['localhost', 'inference.ml.azure.com', 'bastion.sandbox.test'] as const;

/** IP subtrees as address and mask bytes: 127.0.0.0/8 and ::1/128. */
const PERMITTED_IPS: ReadonlyArray<{ address: number[]; mask: number[] }> = [
  { address: [127, 0, 0, 0], mask: [255, 0, 0, 0] },
  { address: [...Array<number>(15).fill(0), 1], mask: Array<number>(16).fill(255) },
];

const { asn1 } = forge;
const bytes = (values: readonly number[]) => String.fromCharCode(...values);

/** The DER value of the extension (what the CA carries, and what a stored CA is compared with). */
export function nameConstraintsDer(): string {
  const subtree = (base: forge.asn1.Asn1) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [base]);
  const dns = PERMITTED_DNS.map((name) => subtree(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 2, false, name)));
  const ips = PERMITTED_IPS.map(({ address, mask }) => subtree(asn1.create(asn1.Class.CONTEXT_SPECIFIC, 7, false, bytes([...address, ...mask]))));
  const permitted = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [...dns, ...ips]);
  return asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [permitted])).getBytes();
}

/** Whether a certificate carries exactly this constraint, critical (an older sandbox CA has none). */
export function hasSandboxNameConstraints(cert: forge.pki.Certificate): boolean {
  const found = cert.extensions.filter((e: { id?: string }) => e.id === NAME_CONSTRAINTS_OID) as Array<{ critical?: boolean; value?: unknown }>;
  return found.length === 1 && found[0]!.critical === true && found[0]!.value === nameConstraintsDer();
}

function dnsNamePermitted(name: string): boolean {
  const host = name.toLowerCase().replace(/^\*\./, '');
  return PERMITTED_DNS.some((base) => host === base || host.endsWith(`.${base}`));
}

function ipPermitted(ip: string): boolean {
  if (isIP(ip) === 4) return ip.split('.')[0] === '127';
  return isIP(ip) === 6 && new URL(`http://[${ip}]/`).hostname === '[::1]'; // the URL parser writes IPv6 in its shortest form
}

/** The names of a leaf request the CA may not vouch for (empty: all permitted). */
export function namesOutsideConstraints(request: { dnsNames: readonly string[]; ipAddresses?: readonly string[] }): string[] {
  return [...request.dnsNames.filter((n) => !dnsNamePermitted(n)), ...(request.ipAddresses ?? []).filter((ip) => !ipPermitted(ip))];
}
