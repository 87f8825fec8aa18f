// Opening a route stops when the caller's signal fires, whatever it is waiting for (the transport, the
// passphrase prompt), and a transport that arrives afterwards is destroyed rather than left open.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { AirlockError } from '../../../../../../shared/errors/airlock-error';
import { silentLogger, systemClock } from '../../../../../../electron/services/ports';
import { openSshRoute } from '../../../../../../electron/services/routes/ssh/ssh-route';
import type { OpenSshRouteOptions } from '../../../../../../electron/services/routes/ssh/ssh-route-options';

const base = (overrides: Partial<OpenSshRouteOptions>): OpenSshRouteOptions => ({
  via: 'jump',
  socket: () => new Promise(() => undefined),
  host: '127.0.0.1',
  port: 22,
  username: 'alice',
  auth: { kind: 'agent', socketPath: '/nonexistent/agent.sock' },
  hostKey: { allowFirstUse: false, store: { get: () => Promise.resolve(null), remember: () => Promise.resolve() } },
  logger: silentLogger,
  clock: systemClock,
  ...overrides,
});

describe('openSshRoute abort', () => {
  it('stops waiting for the transport with the signal’s own typed reason, and destroys a late transport', async () => {
    const controller = new AbortController();
    let deliver: ((stream: PassThrough) => void) | undefined;
    const opening = openSshRoute(base({ signal: controller.signal, socket: () => new Promise((resolve) => (deliver = resolve)) }));
    await vi.waitFor(() => expect(deliver).toBeDefined());
    const reason = new AirlockError('E_ROUTE_DOWN', { message: 'You disconnected.' });
    controller.abort(reason);
    await expect(opening).rejects.toBe(reason);
    const late = new PassThrough();
    const destroyed = vi.fn();
    late.on('close', destroyed);
    deliver?.(late);
    await vi.waitFor(() => expect(destroyed).toHaveBeenCalled());
  });

  it('stops waiting for the passphrase prompt', async () => {
    const controller = new AbortController();
    const key = path.join(await mkdtemp(path.join(tmpdir(), 'airlock-abort-')), 'key');
    execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-a', '2', '-N', 'a passphrase', '-f', key]);
    const asked = vi.fn(() => new Promise<string | null>(() => undefined));
    const socket = vi.fn(() => new Promise<PassThrough>(() => undefined));
    const opening = openSshRoute(base({ signal: controller.signal, auth: { kind: 'key-file', path: key }, passphrase: asked, socket }));
    await vi.waitFor(() => expect(asked).toHaveBeenCalled());
    controller.abort();
    await expect(opening).rejects.toMatchObject({ code: 'E_TIMEOUT' });
    expect(socket).not.toHaveBeenCalled();
  });
});
