// Preview's Chromium trusts the sandbox CA (a per-run NSS database), and the CA's Name Constraints hold there
// too: a certificate signed with the CA's key for a host the sandbox does not serve is refused by Chromium's
// own verifier, while the sandbox's localhost certificate is accepted. The outside name is `.invalid`, mapped
// to loopback for this browser only, so nothing here can reach beyond the machine.
import { once } from 'node:events';
import https from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBrowserTrust, type BrowserTrust } from '../../../electron/preview/browser-trust';
import { CHROMIUM_ARGS, chromiumSandboxAvailable, findChromium } from '../../../electron/preview/chromium-binary';
import { openCertificateAuthority } from '../../../sandbox/pki/certificate-authority';
import { certutilMissing } from '../../harness/certutil';
import { leafSignedWithCaKey } from '../../integration/sandbox/pki/leaf-signed-with-ca-key';

const OUTSIDE = 'airlock-probe.invalid';
const missing = certutilMissing();
if (missing) console.log(`SKIPPED CA name-constraint e2e (test/e2e/preview): preview's Chromium cannot trust the test CA — ${missing}.`);

let stateDir: string;
let trust: BrowserTrust | null = null;
let browser: Browser | null = null;
const servers: https.Server[] = [];
const requests: string[] = [];

async function serve(leaf: { keyPem: string; certPem: string }): Promise<number> {
  const server = https.createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => void (requests.push(req.headers.host ?? ''), res.end('served')));
  server.on('tlsClientError', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  if (missing) return;
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-ca-constraints-'));
  const ca = await openCertificateAuthority(stateDir);
  trust = await prepareBrowserTrust([ca.certPath]);
  browser = await chromium.launch({
    executablePath: findChromium(),
    chromiumSandbox: chromiumSandboxAvailable(),
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${OUTSIDE} 127.0.0.1`],
    env: { ...process.env, ...trust.env },
  });
});

afterAll(async () => {
  await browser?.close();
  await trust?.dispose();
  for (const server of servers) server.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

describe.skipIf(missing !== null)("sandbox CA name constraints in preview's Chromium", () => {
  it("accepts the sandbox's own localhost certificate", async () => {
    const ca = await openCertificateAuthority(stateDir);
    const port = await serve(await ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }));
    const page = await browser!.newPage();
    await page.goto(`https://localhost:${port}/`);
    expect(await page.textContent('body')).toBe('served');
    await page.close();
  });

  it('refuses a certificate made with the CA key for a host outside its constraints', async () => {
    const port = await serve(await leafSignedWithCaKey(stateDir, OUTSIDE));
    const page = await browser!.newPage();
    const failure = await page.goto(`https://${OUTSIDE}:${port}/`).then(
      () => 'loaded',
      (thrown: Error) => thrown.message,
    );
    expect(failure).toMatch(/net::ERR_CERT_/);
    expect(requests.filter((host) => host.startsWith(OUTSIDE))).toEqual([]);
    await page.close();
  });
});
