// Each environment's control plane gets its own in-memory Electron session, so its extra CA's verify proc (and
// Chromium's per-session cache of verify results) is never shared: two environments whose control planes share
// a host name but trust different CAs each accept only their own CA's chain.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyProc } from '../../../../electron/main/extra-ca-verify';
import { createNetFetchHttpsPort, type FetchSession } from '../../../../electron/main/net-fetch-https';
import { openCertificateAuthority, type IssuedCertificate } from '../../../../sandbox/pki/certificate-authority';

let dir: string;
const pems: Record<string, string> = {};
let leafA: IssuedCertificate;
let leafB: IssuedCertificate;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'airlock-env-sessions-'));
  const a = await openCertificateAuthority(path.join(dir, 'a'));
  const b = await openCertificateAuthority(path.join(dir, 'b'));
  pems['/a.pem'] = a.certPem;
  pems['/b.pem'] = b.certPem;
  leafA = await a.issue({ dnsNames: ['localhost'] });
  leafB = await b.issue({ dnsNames: ['localhost'] });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

function fakeSession(): FetchSession & { proc: VerifyProc | null } {
  const s = {
    proc: null as VerifyProc | null,
    setCertificateVerifyProc: (proc: VerifyProc | null) => void (s.proc = proc),
    fetch: async () => new Response('{}', { status: 200 }),
  };
  return s;
}

const verdict = (proc: VerifyProc | null, leaf: IssuedCertificate) =>
  new Promise<number>((resolve) => proc!({ hostname: 'localhost', certificate: { data: leaf.certPem }, verificationResult: 'net::ERR_CERT_AUTHORITY_INVALID' }, resolve));

describe('the control plane in Electron: one session per environment', () => {
  it("never trusts one environment's CA for another's request to the same host name", async () => {
    const sessions = new Map<string, ReturnType<typeof fakeSession>>();
    const sessionFor = (partition: string) => {
      let s = sessions.get(partition);
      if (!s) sessions.set(partition, (s = fakeSession()));
      return s;
    };
    const port = createNetFetchHttpsPort(sessionFor, { readCa: async (file) => pems[file]! });
    const envA = { id: 'custom-a', armEndpoint: 'https://localhost', caCertPath: '/a.pem' };
    const envB = { id: 'custom-b', armEndpoint: 'https://localhost', caCertPath: '/b.pem' };
    await port.forEnvironment(envA)({ method: 'GET', url: 'https://localhost/x' });
    await port.forEnvironment(envB)({ method: 'GET', url: 'https://localhost/x' });
    expect(sessions.size).toBe(2);
    for (const partition of sessions.keys()) expect(partition).not.toMatch(/^persist:/); // in memory only
    const [a, b] = [...sessions.values()];
    expect(await verdict(a!.proc, leafA)).toBe(0);
    expect(await verdict(a!.proc, leafB)).toBe(-2);
    expect(await verdict(b!.proc, leafB)).toBe(0);
    expect(await verdict(b!.proc, leafA)).toBe(-2);
  });

  it('keeps one session for one environment across senders', async () => {
    const partitions: string[] = [];
    const port = createNetFetchHttpsPort((p) => (partitions.push(p), fakeSession()), { readCa: async (file) => pems[file]! });
    const env = { id: 'Sandbox', armEndpoint: 'https://localhost', caCertPath: '/a.pem' };
    await port.forEnvironment(env)({ method: 'GET', url: 'https://localhost/x' });
    await port.forEnvironment({ ...env })({ method: 'GET', url: 'https://localhost/y' });
    expect(partitions).toHaveLength(1);
  });
});
