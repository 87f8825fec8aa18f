// Whom the forwarder trusts for the collector's certificate: the CA file the policy names (then only that
// CA), else the system's trusted authorities. Verification is never turned off; there is no option for it.
// "The system's" is, where the runtime can list them (Node 22.15+, so Electron 45: tls.getCACertificates),
// Node's bundled roots plus the operating system's store; on an older Node (20, the CLI and tests) the
// bundled roots and NODE_EXTRA_CA_CERTS, which is what tls.connect uses by default.
import * as tls from 'node:tls';
import { caFileUnusable } from './collector-errors';
import type { CollectorTrust } from './collector-link';

type ListCertificates = (store: 'default' | 'system') => string[];

const SYSTEM = "the system's trusted certificate authorities";
const MAX_CA_FILE = 1024 * 1024;

function systemCertificates(): readonly string[] | undefined {
  const list = (tls as unknown as { getCACertificates?: ListCertificates }).getCACertificates;
  if (typeof list !== 'function') return undefined;
  try {
    return [...new Set([...list('default'), ...list('system')])];
  } catch {
    return undefined;
  }
}

export async function collectorTrust(caCertPath: string | undefined, readFile: (file: string) => Promise<string>): Promise<CollectorTrust> {
  if (caCertPath === undefined) return { ca: systemCertificates(), described: SYSTEM };
  let pem: string;
  try {
    pem = await readFile(caCertPath);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw caFileUnusable(caCertPath, 'unreadable', typeof code === 'string' ? code : 'unreadable');
  }
  if (pem.length > MAX_CA_FILE || !pem.includes('-----BEGIN CERTIFICATE-----')) throw caFileUnusable(caCertPath, 'not-a-certificate', 'not-pem');
  return { ca: [pem], described: `the CA in ${caCertPath}` };
}
