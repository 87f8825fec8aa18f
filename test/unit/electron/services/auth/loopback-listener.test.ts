// Airlock's loopback listener for browser sign-in: takes only a form post with this attempt's state, ignores
// anything else without settling, and closes (the port refuses) the moment the attempt is abandoned.
import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listenForAuthCode } from '../../../../../electron/services/auth/loopback-listener';

const pages = { successPage: 'signed in', errorPage: 'did not complete' };

function send(redirectUri: string, method: string, path: string, body?: string, contentType = 'application/x-www-form-urlencoded') {
  const target = new URL(path, redirectUri.replace('localhost', '127.0.0.1'));
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(target, { method, agent: false, headers: body === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });

describe('loopback listener', () => {
  it('settles with the code of a form post carrying exactly its state; ignores everything else', async () => {
    const controller = new AbortController();
    const listener = await listenForAuthCode({ state: 'state-1', signal: controller.signal, ...pages });
    expect(listener.redirectUri).toMatch(/^http:\/\/localhost:\d+$/);
    let settled = false;
    void listener.response.then(() => (settled = true));

    expect((await send(listener.redirectUri, 'GET', '/?code=abc&state=state-1')).status).toBe(400); // a query answer is not one
    expect((await send(listener.redirectUri, 'GET', '/')).text).toBe('signed in');
    expect((await send(listener.redirectUri, 'GET', '/favicon.ico')).status).toBe(404);
    expect((await send(listener.redirectUri, 'PUT', '/', 'code=abc&state=state-1')).status).toBe(405);
    expect((await send(listener.redirectUri, 'POST', '/', 'code=abc&state=state-1', 'application/json')).status).toBe(415);
    expect((await send(listener.redirectUri, 'POST', '/', 'code=abc&state=other')).status).toBe(400);
    expect((await send(listener.redirectUri, 'POST', '/', 'code=abc&state=state-1&state=state-1')).status).toBe(400);
    expect((await send(listener.redirectUri, 'POST', '/', `code=${'a'.repeat(70_000)}&state=state-1`).catch(() => ({ status: 413 }))).status).toBe(413);
    expect(settled).toBe(false);

    const answer = await send(listener.redirectUri, 'POST', '/', 'code=the-code&state=state-1&client_info=ci');
    expect(answer).toEqual({ status: 200, text: 'signed in' });
    await expect(listener.response).resolves.toMatchObject({ code: 'the-code', state: 'state-1', client_info: 'ci' });
    listener.close();
  });

  it('refuses an answer with a repeated parameter (which code or error would count is ambiguous), and keeps waiting', async () => {
    const listener = await listenForAuthCode({ state: 's', signal: new AbortController().signal, ...pages });
    let settled = false;
    void listener.response.then(() => (settled = true));
    for (const body of ['code=first&code=second&state=s', 'error=access_denied&error=server_error&state=s', 'code=c&error=access_denied&error=x&state=s', 'code=c&state=s&client_info=a&client_info=b']) {
      expect((await send(listener.redirectUri, 'POST', '/', body)).status, body).toBe(400);
    }
    expect(settled).toBe(false);
    expect((await send(listener.redirectUri, 'POST', '/', 'code=the-code&state=s')).status).toBe(200);
    await expect(listener.response).resolves.toMatchObject({ code: 'the-code' });
    listener.close();
  });

  it('shows the error page for an error answer and hands the error over', async () => {
    const listener = await listenForAuthCode({ state: 's', signal: new AbortController().signal, ...pages });
    expect((await send(listener.redirectUri, 'POST', '/', 'error=access_denied&error_description=AADSTS50126&state=s')).text).toBe('did not complete');
    await expect(listener.response).resolves.toMatchObject({ error: 'access_denied' });
    listener.close();
  });

  it('closes when the attempt is abandoned: the wait ends as cancelled and the port refuses', async () => {
    const controller = new AbortController();
    const listener = await listenForAuthCode({ state: 's', signal: controller.signal, ...pages });
    const port = Number(new URL(listener.redirectUri).port);
    expect(await refused(port)).toBe('connected');
    controller.abort();
    await expect(listener.response).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });
    expect(await refused(port)).toBe('ECONNREFUSED');
  });

  it('does not start for an attempt already abandoned', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(listenForAuthCode({ state: 's', signal: controller.signal, ...pages })).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });
  });
});
