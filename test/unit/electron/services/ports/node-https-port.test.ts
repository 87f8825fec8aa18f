// The Node adapter of the HTTP port: each environment's transport reads its CA file once, however many
// requests and callers share it; a failed read is retried on the next call rather than kept.
import { createServer, type Server } from 'node:https';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpsPort } from '../../../../../electron/services/ports';
import { openCertificateAuthority } from '../../../../../sandbox/pki/certificate-authority';

let dir: string;
let caPath: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'airlock-https-port-'));
  const ca = await openCertificateAuthority(path.join(dir, 'ca'));
  caPath = path.join(dir, 'ca.pem');
  await writeFile(caPath, ca.certPem);
  const leaf = await ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  server = createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => res.end(`ok ${req.method}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function countingReader() {
  const reads: string[] = [];
  return { reads, readCa: async (file: string) => (reads.push(file), (await import('node:fs/promises')).readFile(file, 'utf8')) };
}

describe('the Node HTTP port', () => {
  it("reads an environment's CA file once for every request and every caller", async () => {
    const { reads, readCa } = countingReader();
    const port = createNodeHttpsPort({ readCa });
    const sandbox = { id: 'sandbox', caCertPath: caPath };
    const first = port.forEnvironment(sandbox);
    const again = port.forEnvironment(sandbox); // another caller (MSAL, ARM, Bastion lookup)
    const answers = await Promise.all([first({ method: 'GET', url: `${base}/a` }), again({ method: 'POST', url: `${base}/b`, body: '{}' }), first({ method: 'GET', url: `${base}/c` })]);
    expect(answers.map((a) => a.text)).toEqual(['ok GET', 'ok POST', 'ok GET']);
    expect(reads).toEqual([caPath]);
  });

  it('keeps environments apart: one without a CA reads nothing and does not trust the other one’s CA', async () => {
    const { reads, readCa } = countingReader();
    const port = createNodeHttpsPort({ readCa });
    await port.forEnvironment({ id: 'sandbox', caCertPath: caPath })({ method: 'GET', url: base });
    const error = await port.forEnvironment({ id: 'public' })({ method: 'GET', url: base }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);
    expect(reads).toEqual([caPath]);
  });

  it('reads again after a failed read (a missing file is not remembered)', async () => {
    let fail = true;
    const reads: string[] = [];
    const port = createNodeHttpsPort({
      readCa: async (file) => {
        reads.push(file);
        if (fail) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
        return (await import('node:fs/promises')).readFile(file, 'utf8');
      },
    });
    const send = port.forEnvironment({ id: 'sandbox', caCertPath: caPath });
    await expect(send({ method: 'GET', url: base })).rejects.toMatchObject({ code: 'ENOENT' });
    fail = false;
    await expect(send({ method: 'GET', url: base })).resolves.toMatchObject({ status: 200 });
    await send({ method: 'GET', url: base });
    expect(reads).toEqual([caPath, caPath]);
  });

  it('refuses plain http before any connection', async () => {
    const port = createNodeHttpsPort();
    await expect(port.forEnvironment({ id: 'public' })({ method: 'GET', url: 'http://127.0.0.1:9/' })).rejects.toThrow(/non-https/);
  });
});
