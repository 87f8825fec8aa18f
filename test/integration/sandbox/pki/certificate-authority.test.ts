// The sandbox's CA vouches only for the names the sandbox serves: a critical Name Constraints extension permits
// localhost, the Azure ML scoring hosts it plays (*.<region>.inference.ml.azure.com) and the loopback
// addresses, so a certificate made with its key for any other host is refused by a verifier that trusts it —
// Node's TLS here, preview's Chromium in test/e2e/preview. A state folder holding an older CA without the
// constraint gets a new CA; issue() refuses names outside the constraint instead of making a useless leaf.
import { once } from 'node:events';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCertificateAuthority, type CertificateAuthority } from '../../../../sandbox/pki/certificate-authority';
import { leafSignedWithCaKey } from './leaf-signed-with-ca-key';

const NAME_CONSTRAINTS = '2.5.29.30';
const DAY_MS = 86_400_000;
const dirs: string[] = [];
let stateDir: string;
let ca: CertificateAuthority;

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'airlock-sandbox-ca-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  stateDir = await freshDir();
  ca = await openCertificateAuthority(stateDir);
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Connects over TLS on loopback, presenting `servername`, trusting only the CA: 'verified' or Node's error (code and words). */
async function nodeVerifies(leaf: { keyPem: string; certPem: string }, servername: string): Promise<string> {
  const server = tls.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    return await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, servername, ca: ca.certPem }, () => {
        socket.destroy();
        resolve('verified');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(`${error.code ?? ''} ${error.message}`));
    });
  } finally {
    server.close();
  }
}

/** The CA as this sandbox made it before it had name constraints. */
async function writeUnconstrainedCa(dir: string): Promise<string> {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '02cd';
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 365 * DAY_MS);
  const subject = [{ name: 'commonName', value: 'Airlock Sandbox CA old' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  await mkdir(path.join(dir, 'pki'), { recursive: true });
  await writeFile(path.join(dir, 'pki', 'ca.key.pem'), forge.pki.privateKeyToPem(keys.privateKey), { mode: 0o600 });
  await writeFile(path.join(dir, 'pki', 'ca.pem'), certPem);
  await writeFile(path.join(dir, 'pki', 'leaf-0123456789abcdef0123.pem'), certPem); // a leaf of the old CA
  return certPem;
}

interface Subtree {
  readonly type: number;
  readonly value: string;
}

function constraintsOf(certPem: string): { critical: boolean; permitted: string[]; excluded: Subtree[] } | null {
  const ext = forge.pki.certificateFromPem(certPem).extensions.find((e: { id: string }) => e.id === NAME_CONSTRAINTS) as
    | { critical?: boolean; permittedSubtrees: Subtree[]; excludedSubtrees: Subtree[] }
    | undefined;
  if (!ext) return null;
  const shown = (s: Subtree) => (s.type === 2 ? `DNS:${s.value}` : s.type === 7 ? `IP:${forge.util.bytesToHex(s.value)}` : `type ${s.type}`);
  return { critical: ext.critical === true, permitted: ext.permittedSubtrees.map(shown), excluded: ext.excludedSubtrees };
}

describe('sandbox CA name constraints', () => {
  it('has a critical Name Constraints extension permitting only localhost, the scoring hosts, the Bastion dnsName and loopback addresses', () => {
    expect(constraintsOf(ca.certPem)).toEqual({
      critical: true,
      permitted: ['DNS:localhost', 'DNS:inference.ml.azure.com', 'DNS:bastion.sandbox.test', 'IP:7f000000ff000000', `IP:${'0'.repeat(31)}1${'f'.repeat(32)}`],
      excluded: [],
    });
  });

  it("its own leaves still verify: the IdP's and ARM's localhost, a region's scoring hosts, the Bastion dnsName", async () => {
    const local = await ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
    expect(await nodeVerifies(local, 'localhost')).toBe('verified');
    const scoring = await ca.issue({ dnsNames: ['*.westeurope.inference.ml.azure.com'] });
    expect(await nodeVerifies(scoring, 'credit-ep.westeurope.inference.ml.azure.com')).toBe('verified');
    const bastion = await ca.issue({ dnsNames: ['bst-0a1b2c3d-0000-4000-8000-000000000001.bastion.sandbox.test'] });
    expect(await nodeVerifies(bastion, 'bst-0a1b2c3d-0000-4000-8000-000000000001.bastion.sandbox.test')).toBe('verified');
  });

  it.each(['login.microsoftonline.com', 'management.azure.com', 'airlock-probe.invalid'])(
    'a certificate for %s made with its key is refused by Node TLS',
    async (host) => {
      // OpenSSL's X509_V_ERR_PERMITTED_VIOLATION, which Node reports with code UNSPECIFIED.
      expect(await nodeVerifies(await leafSignedWithCaKey(stateDir, host), host)).toMatch(/permitted subtree violation/);
    },
  );

  it.each([
    [{ dnsNames: ['login.microsoftonline.com'] }],
    [{ dnsNames: ['*.azure.com'] }],
    [{ dnsNames: ['localhost'], ipAddresses: ['10.0.0.1'] }],
  ])('issue(%j) refuses names it may not vouch for', async (request) => {
    await expect(ca.issue(request)).rejects.toThrow(/may not vouch for/);
  });

  it('replaces an older CA without the constraint, and the leaves that CA signed', async () => {
    const dir = await freshDir();
    const old = await writeUnconstrainedCa(dir);
    const reopened = await openCertificateAuthority(dir);
    expect(reopened.certPem).not.toBe(old);
    expect(constraintsOf(reopened.certPem)?.critical).toBe(true);
    expect(await readFile(path.join(dir, 'pki', 'ca.pem'), 'utf8')).toBe(reopened.certPem);
    expect((await readdir(path.join(dir, 'pki'))).filter((f) => f.startsWith('leaf-'))).toEqual([]);
    // Opened again, the constrained CA is kept.
    expect((await openCertificateAuthority(dir)).certPem).toBe(reopened.certPem);
  });
});
