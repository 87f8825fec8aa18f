// The Electron adapter of the HTTP port against a fake Electron session whose fetch is Node's (undici) to
// loopback https servers with certificates from the sandbox's CA: a redirect is never followed (the token
// stays home, the 302 comes back), http is refused, bodies are capped, a timeout aborts, Chromium's errors
// keep their code, and the sandbox CA is read once and trusted through the session's verify proc.
import { createServer, type Server } from 'node:https';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNetFetchHttpsPort } from '../../../electron/main/net-fetch-https';
import { openCertificateAuthority } from '../../../sandbox/pki/certificate-authority';
import { FakeSession } from '../../support/fake-electron';

const TOKEN = 'Bearer PLANTED-NETFETCH-TOKEN';
let dir: string;
let caPath: string;
let caPem: string;
let origin: Server;
let elsewhere: Server;
let originUrl: string;
let elsewhereUrl: string;
const elsewhereSaw: Array<Record<string, unknown>> = [];
let session: FakeSession;
let agent: Agent;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'airlock-netfetch-'));
  const ca = await openCertificateAuthority(path.join(dir, 'ca'));
  caPem = ca.certPem;
  caPath = path.join(dir, 'ca.pem');
  await writeFile(caPath, caPem);
  const leaf = await ca.issue({ dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] });
  elsewhere = createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => {
    elsewhereSaw.push({ ...req.headers });
    res.end('{"stolen":true}');
  });
  // Another host (localhost, not 127.0.0.1) on another port: where a redirect would take the token.
  elsewhereUrl = `https://localhost:${await listen(elsewhere)}/collect`;
  origin = createServer({ key: leaf.keyPem, cert: leaf.certPem }, (req, res) => {
    if (req.url === '/redirect') return void res.writeHead(302, { location: elsewhereUrl }).end('moved');
    if (req.url === '/big') return void res.end('x'.repeat(2048));
    if (req.url === '/slow') return; // never answers
    res.writeHead(200, { 'content-type': 'application/json', 'x-seen-auth': String(req.headers.authorization === TOKEN) }).end(`{"method":"${req.method}"}`);
  });
  originUrl = `https://127.0.0.1:${await listen(origin)}`;
  agent = new Agent({ connect: { ca: caPem } }); // Chromium with the sandbox CA trusted (what the verify proc grants)
});

beforeEach(() => {
  session = new FakeSession();
  session.fetchImpl = (input, init) => undiciFetch(input, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>;
});

afterAll(async () => {
  for (const server of [origin, elsewhere]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await agent.close();
  await rm(dir, { recursive: true, force: true });
});

const sandbox = { id: 'Sandbox', caCertPath: '', authorityHost: '', armEndpoint: '' };
const env = () => ({ ...sandbox, caCertPath: caPath, authorityHost: originUrl, armEndpoint: originUrl });

describe('the net.fetch HTTP port (fake electron session, real loopback TLS)', () => {
  it('sends through the session with redirect manual, no cookies, and returns status, headers and body', async () => {
    const send = createNetFetchHttpsPort(() => session).forEnvironment(env());
    const answer = await send({ method: 'POST', url: `${originUrl}/ok`, headers: { authorization: TOKEN }, body: '{}' });
    expect(answer).toMatchObject({ status: 200, text: '{"method":"POST"}' });
    expect(answer.headers['x-seen-auth']).toBe('true');
    expect(session.fetched[0]!.init).toMatchObject({ method: 'POST', redirect: 'manual', credentials: 'omit' });
  });

  it('never follows a redirect: the 302 comes back and the token never reaches the other host', async () => {
    const send = createNetFetchHttpsPort(() => session).forEnvironment(env());
    const answer = await send({ method: 'GET', url: `${originUrl}/redirect`, headers: { authorization: TOKEN } });
    expect(answer.status).toBe(302);
    expect(answer.headers['location']).toBe(elsewhereUrl);
    expect(elsewhereSaw).toEqual([]);
    expect(session.fetched.map((f) => f.url)).toEqual([`${originUrl}/redirect`]);
  });

  it("where Electron cancels the manual redirect, the refusal is typed and still nothing reaches the other host", async () => {
    session.cancelManualRedirects = true;
    const send = createNetFetchHttpsPort(() => session).forEnvironment(env());
    await expect(send({ method: 'GET', url: `${originUrl}/redirect`, headers: { authorization: TOKEN } })).rejects.toMatchObject({ code: 'ERR_REDIRECT_NOT_FOLLOWED' });
    expect(elsewhereSaw).toEqual([]);
  });

  it('refuses plain http before the session is asked', async () => {
    const send = createNetFetchHttpsPort(() => session).forEnvironment(env());
    await expect(send({ method: 'GET', url: originUrl.replace('https:', 'http:') })).rejects.toMatchObject({ code: 'ERR_NON_HTTPS' });
    expect(session.fetched).toEqual([]);
  });

  it('caps the response size', async () => {
    const send = createNetFetchHttpsPort(() => session, { maxResponseBytes: 1024 }).forEnvironment(env());
    await expect(send({ method: 'GET', url: `${originUrl}/big` })).rejects.toMatchObject({ code: 'ERR_RESPONSE_TOO_LARGE' });
  });

  it('aborts a request that outlives its timeout (the signal reaches the fetch)', async () => {
    const send = createNetFetchHttpsPort(() => session).forEnvironment(env());
    await expect(send({ method: 'GET', url: `${originUrl}/slow`, timeoutMs: 50 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect((session.fetched[0]!.init.signal as AbortSignal).aborted).toBe(true);
  });

  it("keeps Chromium's error code (a certificate error stays one: callers answer E_TLS)", async () => {
    session.fetchImpl = async () => {
      throw new Error('net::ERR_CERT_AUTHORITY_INVALID');
    };
    const send = createNetFetchHttpsPort(() => session).forEnvironment(env());
    await expect(send({ method: 'GET', url: `${originUrl}/ok` })).rejects.toMatchObject({ code: 'ERR_CERT_AUTHORITY_INVALID' });
  });

  it("reads the environment's CA once and installs one verify proc, scoped to its hosts", async () => {
    const reads: string[] = [];
    const port = createNetFetchHttpsPort(() => session, { readCa: async (file) => (reads.push(file), readFile(file, 'utf8')) });
    await Promise.all([port.forEnvironment(env())({ method: 'GET', url: `${originUrl}/ok` }), port.forEnvironment(env())({ method: 'GET', url: `${originUrl}/ok` })]);
    await port.forEnvironment({ id: 'AzureCloud', authorityHost: 'https://login.microsoftonline.com' })({ method: 'GET', url: `${originUrl}/ok` });
    expect(reads).toEqual([caPath]);
    expect(session.verifyProc).not.toBeNull();
  });
});
