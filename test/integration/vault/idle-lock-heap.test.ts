// The idle lock really drops decrypted tokens: the whole composition (createAirlock, the real msal-node) signs
// in at the sandbox IdP, which puts a random marker in front of every refresh token it issues. A V8 heap
// snapshot (taken after a full GC) must hold that marker while the session is unlocked — the control that
// shows the scan sees it — and nowhere once the vault locked: not in the vault, not in MSAL's instance, not in
// a cache or closure. Unlock brings it back from the encrypted file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, type Airlock } from '../../../electron/services';
import { heapContains } from '../../support/heap-scan';
import { createIdleLockTime } from '../../support/idle-lock-time';
import { useSandboxIdp } from '../../support/sandbox/use-sandbox-idp';
import { capturingLogger, through } from '../../support/test-airlock';

// The marker reaches the IdP as a string, but the IdP keeps only the bare marker; `<marker>.` (how it
// prefixes refresh tokens) exists in this process only inside refresh tokens and as this Buffer.
const marker = `hm${randomBytes(10).toString('hex')}`;
const refreshTokenNeedle = Buffer.concat([Buffer.from(marker, 'ascii'), Buffer.from('.', 'ascii')]);

const sandbox = useSandboxIdp({ tokenMarker: marker });
const { clock, scheduler, idleFor } = createIdleLockTime();
const idleLockNow = () => idleFor(); // past the 15-minute idle lock

describe('idle lock and the heap', () => {
  let airlock: Airlock;

  it('holds the refresh token while unlocked, no copy of it after the idle lock, and it again after Unlock', async () => {
    airlock = createAirlock(
      { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [sandbox.environment] },
      {
        clock,
        logger: capturingLogger(),
        identity: {
          openBrowser: sandbox.browserAs('alice').openBrowser,
          keychain: createMemoryKeychain(),
          userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-heap-')),
          scheduler,
        },
      },
    );
    const { accountId } = await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
    // A refresh (ML needs its own token) and a cached read: the vault's hot path has seen the cache too.
    expect((await airlock.services.auth.accessToken(accountId, 'ml')).token.length).toBeGreaterThan(0);
    expect((await airlock.services.auth.accessToken(accountId, 'ml')).token.length).toBeGreaterThan(0);
    expect((await through(airlock).auth.session()).vault).toMatchObject({ locked: false });
    expect(await heapContains(refreshTokenNeedle)).toBe(true);

    idleLockNow();
    await expect(airlock.services.auth.accessToken(accountId, 'arm')).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
    expect(await heapContains(refreshTokenNeedle)).toBe(false);

    await through(airlock).auth.unlock();
    expect((await through(airlock).auth.accounts()).accounts.map((a) => a.accountId)).toEqual([accountId]);
    expect(await heapContains(refreshTokenNeedle)).toBe(true);
    await airlock.dispose();
  });
});
