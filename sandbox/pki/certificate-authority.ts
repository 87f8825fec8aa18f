// The sandbox's own certificate authority, generated once per state directory and reused. It is never
// installed into any system trust store: clients are handed ca.pem explicitly (environment.json caCertPath).
// It vouches only for the names the sandbox serves (name-constraints.ts): a stored CA without that constraint
// is replaced, with the leaves it signed, and a leaf for any other name is refused, never issued.
// Keys are RSA 2048 from Node's native generator (fast); certificates are built with node-forge.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';
import { hasSandboxNameConstraints, NAME_CONSTRAINTS_OID, nameConstraintsDer, namesOutsideConstraints } from './name-constraints';

export interface IssuedCertificate {
  readonly keyPem: string;
  readonly certPem: string;
}

export interface LeafRequest {
  /** DNS names, wildcards allowed (`*.westeurope.inference.ml.azure.com`). The first is the common name. */
  readonly dnsNames: readonly string[];
  readonly ipAddresses?: readonly string[];
}

export interface CertificateAuthority {
  readonly certPem: string;
  readonly certPath: string;
  issue(request: LeafRequest): Promise<IssuedCertificate>;
}

const DAY_MS = 86_400_000;

function newKeyPair(): { privateKeyPem: string; publicKey: forge.pki.PublicKey; privateKey: forge.pki.PrivateKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privateKeyPem);
  return { privateKeyPem, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

function serial(): string {
  // Positive 16-byte serial (high bit cleared).
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

async function writeSecret(file: string, contents: string): Promise<void> {
  await writeFile(file, contents, { mode: 0o600 });
  await chmod(file, 0o600);
}

function stillValid(certPem: string, now: Date): boolean {
  const cert = forge.pki.certificateFromPem(certPem);
  return cert.validity.notAfter.getTime() - now.getTime() > DAY_MS;
}

/** A stored CA to keep: still valid, and constrained to the sandbox's names (older sandboxes made it without). */
function keepCa(certPem: string, now: Date): boolean {
  return stillValid(certPem, now) && hasSandboxNameConstraints(forge.pki.certificateFromPem(certPem));
}

/** Leaves signed by a CA being replaced: no verifier would accept them any more. */
async function removeLeaves(dir: string): Promise<void> {
  for (const file of await readdir(dir)) if (file.startsWith('leaf-')) await rm(path.join(dir, file), { force: true });
}

async function createCa(dir: string, now: Date): Promise<{ keyPem: string; certPem: string }> {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = new Date(now.getTime() + 365 * DAY_MS);
  const subject = [
    { name: 'commonName', value: `Airlock Sandbox CA ${randomBytes(3).toString('hex')}` },
    { name: 'organizationName', value: 'Airlock sandbox (local testing only)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    // Critical, so a verifier that cannot read it refuses the CA rather than trusting it for every name.
    { id: NAME_CONSTRAINTS_OID, critical: true, value: nameConstraintsDer() },
  ]);
  cert.sign(keys.privateKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  await writeSecret(path.join(dir, 'ca.key.pem'), keys.privateKeyPem);
  await writeFile(path.join(dir, 'ca.pem'), certPem);
  return { keyPem: keys.privateKeyPem, certPem };
}

/** Opens (or creates) the CA in `<stateDir>/pki`. Leaf certificates are cached there by the names they cover. */
export async function openCertificateAuthority(stateDir: string, now: () => Date = () => new Date()): Promise<CertificateAuthority> {
  const dir = path.join(stateDir, 'pki');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const caKeyPath = path.join(dir, 'ca.key.pem');
  const caCertPath = path.join(dir, 'ca.pem');
  let ca: { keyPem: string; certPem: string };
  if (existsSync(caKeyPath) && existsSync(caCertPath)) {
    ca = { keyPem: await readFile(caKeyPath, 'utf8'), certPem: await readFile(caCertPath, 'utf8') };
    if (!keepCa(ca.certPem, now())) {
      await removeLeaves(dir);
      ca = await createCa(dir, now());
    }
  } else {
    ca = await createCa(dir, now());
  }
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const caFingerprint = createHash('sha256').update(ca.certPem).digest('hex').slice(0, 16);

  return {
    certPem: ca.certPem,
    certPath: caCertPath,
    async issue(request) {
      const outside = namesOutsideConstraints(request);
      if (outside.length > 0) throw new Error(`the sandbox CA may not vouch for ${outside.join(', ')}: it signs only the names in sandbox/pki/name-constraints.ts`);
      const names = [...request.dnsNames].sort();
      const ips = [...(request.ipAddresses ?? [])].sort();
      const id = createHash('sha256').update(JSON.stringify({ names, ips, ca: caFingerprint })).digest('hex').slice(0, 20);
      const keyPath = path.join(dir, `leaf-${id}.key.pem`);
      const certPath = path.join(dir, `leaf-${id}.pem`);
      if (existsSync(keyPath) && existsSync(certPath)) {
        const certPem = await readFile(certPath, 'utf8');
        if (stillValid(certPem, now())) return { keyPem: await readFile(keyPath, 'utf8'), certPem };
      }
      const keys = newKeyPair();
      const cert = forge.pki.createCertificate();
      cert.publicKey = keys.publicKey;
      cert.serialNumber = serial();
      cert.validity.notBefore = new Date(now().getTime() - DAY_MS);
      cert.validity.notAfter = new Date(now().getTime() + 90 * DAY_MS);
      cert.setSubject([{ name: 'commonName', value: request.dnsNames[0] ?? request.ipAddresses?.[0] ?? 'sandbox' }]);
      cert.setIssuer(caCert.subject.attributes);
      cert.setExtensions([
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [...request.dnsNames.map((value) => ({ type: 2, value })), ...(request.ipAddresses ?? []).map((ip) => ({ type: 7, ip }))],
        },
        { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
      ]);
      cert.sign(caKey, forge.md.sha256.create());
      const issued = { keyPem: keys.privateKeyPem, certPem: forge.pki.certificateToPem(cert) };
      await writeSecret(keyPath, issued.keyPem);
      await writeFile(certPath, issued.certPem);
      return issued;
    },
  };
}
