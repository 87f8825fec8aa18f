// The session's verify proc for an environment's extra CA: it accepts a chain Chromium refused only for that
// environment's hosts and only when the chain verifies against that CA for that host name; everything else
// keeps Chromium's verdict (-3) or is refused (-2). Certificates come from the sandbox's own CA code.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExtraCaTrust, environmentHosts, extraCaVerifyProc, type VerifyProc } from '../../../../electron/main/extra-ca-verify';
import { openCertificateAuthority, type IssuedCertificate } from '../../../../sandbox/pki/certificate-authority';

let dir: string;
let caPem: string;
let leaf: IssuedCertificate;
let foreignLeaf: IssuedCertificate;
let proc: VerifyProc;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'airlock-verify-proc-'));
  const ca = await openCertificateAuthority(path.join(dir, 'ca'));
  const foreign = await openCertificateAuthority(path.join(dir, 'foreign'));
  caPem = ca.certPem;
  leaf = await ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  foreignLeaf = await foreign.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  proc = extraCaVerifyProc(new Map([['127.0.0.1', [new X509Certificate(caPem)]], ['localhost', [new X509Certificate(caPem)]]]));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const verdict = (hostname: string, certPem: string, verificationResult = 'net::ERR_CERT_AUTHORITY_INVALID') =>
  new Promise<number>((resolve) => proc({ hostname, certificate: { data: certPem, issuerCert: { data: caPem } }, verificationResult }, resolve));

describe('the extra-CA verify proc', () => {
  it("accepts the environment CA's chain for the environment's own hosts", async () => {
    expect(await verdict('127.0.0.1', leaf.certPem)).toBe(0);
    expect(await verdict('localhost', leaf.certPem)).toBe(0);
  });

  it("leaves every other host to Chromium's verdict, whatever the chain", async () => {
    expect(await verdict('login.microsoftonline.com', leaf.certPem)).toBe(-3);
    expect(await verdict('management.azure.com', foreignLeaf.certPem)).toBe(-3);
  });

  it('refuses a chain from another CA, even on a trusted host', async () => {
    expect(await verdict('127.0.0.1', foreignLeaf.certPem)).toBe(-2);
  });

  it("refuses the CA's certificate presented for a name it does not carry", async () => {
    const other = extraCaVerifyProc(new Map([['arm.sandbox.test', [new X509Certificate(caPem)]]]));
    const result = await new Promise<number>((resolve) => other({ hostname: 'arm.sandbox.test', certificate: { data: leaf.certPem }, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID' }, resolve));
    expect(result).toBe(-2);
  });

  it('refuses an expired chain', async () => {
    const later = extraCaVerifyProc(new Map([['127.0.0.1', [new X509Certificate(caPem)]]]), () => Date.now() + 20 * 365 * 86_400_000);
    const result = await new Promise<number>((resolve) => later({ hostname: '127.0.0.1', certificate: { data: leaf.certPem }, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID' }, resolve));
    expect(result).toBe(-2);
  });

  it("keeps Chromium's own acceptance (net::OK) as it is", async () => {
    expect(await verdict('127.0.0.1', leaf.certPem, 'net::OK')).toBe(-3);
  });

  it("takes the hosts from the environment's authority and ARM addresses", () => {
    expect(environmentHosts({ id: 'Sandbox', authorityHost: 'https://127.0.0.1:8444', armEndpoint: 'https://localhost:8443', knownAuthorities: ['login.sandbox.test'] })).toEqual(['127.0.0.1', 'localhost', 'login.sandbox.test']);
  });

  it('refuses a CA file that is not a CA, and reads it again next time', async () => {
    const installed: unknown[] = [];
    let pem = leaf.certPem;
    const trust = createExtraCaTrust({ setCertificateVerifyProc: (p) => void installed.push(p) }, async () => pem);
    await expect(trust.add({ id: 'Sandbox', caCertPath: '/ca.pem', armEndpoint: 'https://127.0.0.1:1' })).rejects.toMatchObject({ code: 'ERR_BAD_CA' });
    expect(installed).toEqual([]);
    pem = caPem;
    await trust.add({ id: 'Sandbox', caCertPath: '/ca.pem', armEndpoint: 'https://127.0.0.1:1' });
    expect(installed).toHaveLength(1);
  });
});
