// A server certificate for any name, signed with a sandbox CA's private key the way whoever held
// <stateDir>/pki/ca.key.pem could make one — bypassing issue(), which refuses such names. Tests use it to show
// that verifiers trusting the CA refuse it (Node here, preview's Chromium in test/e2e/preview).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import forge from 'node-forge';

const DAY_MS = 86_400_000;

export async function leafSignedWithCaKey(dir: string, dnsName: string): Promise<{ keyPem: string; certPem: string }> {
  const caCert = forge.pki.certificateFromPem(await readFile(path.join(dir, 'pki', 'ca.pem'), 'utf8'));
  const caKey = forge.pki.privateKeyFromPem(await readFile(path.join(dir, 'pki', 'ca.key.pem'), 'utf8'));
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01ab';
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 30 * DAY_MS);
  cert.setSubject([{ name: 'commonName', value: dnsName }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: dnsName }] },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { keyPem: forge.pki.privateKeyToPem(keys.privateKey), certPem: forge.pki.certificateToPem(cert) };
}

