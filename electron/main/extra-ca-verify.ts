// Trust for an environment's extra CA (the sandbox's) inside Chromium's network stack, scoped to that
// environment's own hosts: the session's certificate verify proc accepts a chain Chromium refused only when
// the host is one of those and the chain verifies against that CA (signature, issuer, validity, host name),
// checked with Node's X509Certificate. Every other host, and every chain Chromium accepted, keeps Chromium's
// own verdict (-3). Never a blanket accept; never trusts one environment's CA for another's hosts.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { HttpsEnvironment } from '../services';

/** Electron's verify proc request, as far as it is read here. */
export interface VerifyRequest {
  readonly hostname: string;
  readonly certificate: CertificateLike;
  readonly verificationResult: string;
}
interface CertificateLike {
  readonly data: string;
  readonly issuerCert?: CertificateLike;
}
export type VerifyProc = (request: VerifyRequest, callback: (result: number) => void) => void;

export interface VerifyProcSession {
  setCertificateVerifyProc(proc: VerifyProc | null): void;
}

const ACCEPT = 0;
const REJECT = -2;
const CHROMIUM_VERDICT = -3;
const MAX_CHAIN = 5;

/** The host names an environment's control plane is reached on (lower case, no port). */
export function environmentHosts(environment: HttpsEnvironment): string[] {
  const names = [environment.authorityHost, environment.armEndpoint, environment.authority, ...(environment.knownAuthorities ?? [])];
  const hosts = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    try {
      hosts.add(new URL(name.includes('://') ? name : `https://${name}`).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
    } catch {
      // not a URL or host: nothing to trust for it
    }
  }
  return [...hosts];
}

const validNow = (cert: X509Certificate, now: number) => Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);

/** The chain from `leaf` reaches one of `cas` (each link signed by the next, each valid now) and names `host`. */
export function chainVerifies(leaf: CertificateLike, host: string, cas: readonly X509Certificate[], now = Date.now()): boolean {
  let current: X509Certificate;
  try {
    current = new X509Certificate(leaf.data);
  } catch {
    return false;
  }
  const named = isIP(host) ? current.checkIP(host) !== undefined : current.checkHost(host, { subject: 'never' }) !== undefined;
  if (!named) return false;
  let link: CertificateLike | undefined = leaf;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!validNow(current, now)) return false;
    const cert = current;
    if (cas.some((ca) => validNow(ca, now) && cert.checkIssued(ca) && cert.verify(ca.publicKey))) return true;
    const next: CertificateLike | undefined = link?.issuerCert;
    if (!next || next.data === link?.data) return false;
    let issuer: X509Certificate;
    try {
      issuer = new X509Certificate(next.data);
    } catch {
      return false;
    }
    if (!issuer.ca || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return false;
    current = issuer;
    link = next;
  }
  return false;
}

/** The verify proc over a host → CAs map. */
export function extraCaVerifyProc(trusted: ReadonlyMap<string, readonly X509Certificate[]>, now: () => number = Date.now): VerifyProc {
  return (request, callback) => {
    const cas = trusted.get(request.hostname.toLowerCase().replace(/^\[|\]$/g, ''));
    if (!cas || request.verificationResult === 'net::OK') return callback(CHROMIUM_VERDICT);
    callback(chainVerifies(request.certificate, request.hostname.toLowerCase().replace(/^\[|\]$/g, ''), cas, now()) ? ACCEPT : REJECT);
  };
}

export interface ExtraCaTrust {
  /** Reads the environment's CA (once) and trusts it for the environment's hosts from now on. */
  add(environment: HttpsEnvironment): Promise<void>;
}

export function createExtraCaTrust(session: VerifyProcSession, readCa: (file: string) => Promise<string>): ExtraCaTrust {
  const trusted = new Map<string, X509Certificate[]>();
  const added = new Map<string, Promise<void>>();
  let installed = false;
  return {
    add(environment) {
      const file = environment.caCertPath;
      if (!file) return Promise.resolve();
      const key = `${environment.id}\0${file}`;
      let done = added.get(key);
      if (!done) {
        done = readCa(file).then((pem) => {
          const ca = new X509Certificate(pem);
          if (!ca.ca) throw Object.assign(new Error('the environment CA file is not a CA certificate'), { code: 'ERR_BAD_CA' });
          for (const host of environmentHosts(environment)) trusted.set(host, [...(trusted.get(host) ?? []), ca]);
          if (!installed) {
            session.setCertificateVerifyProc(extraCaVerifyProc(trusted));
            installed = true;
          }
        });
        done.catch(() => added.delete(key)); // a failed read is tried again on the next request
        added.set(key, done);
      }
      return done;
    },
  };
}
