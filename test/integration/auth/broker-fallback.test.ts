// WAM broker sign-in with the system browser as the fallback, against the sandbox IdP with the real
// msal-node: a fake broker plugin stands in for WAM (which exists on Windows only), the scripted browser
// plays the user whenever the fallback opens the system browser.
import { LogLevel } from '@azure/msal-node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAirlock, createMemoryKeychain, type Environment } from '../../../electron/services';
import { createAuthService, type MsalCacheStore } from '../../../electron/services/auth';
import { createEnvironmentsService } from '../../../electron/services/environments';
import type { Scheduler } from '../../../electron/services/ports';
import { startIdentityProvider, type IdentityProvider } from '../../../sandbox/idp';
import { BROKER_TOKEN_MARKER, createFakeBrokerPlugin, foreignBrokerError, type BrokerUser, type FakeBrokerPlugin, type NativeRequest } from '../../support/fake-broker-plugin';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { environmentForIdp } from '../../support/sandbox/sandbox-environment';
import { createTestContext, type TestContext } from '../../support/sandbox/test-context';
import { capturingLogger, fixedClock, through } from '../../support/test-airlock';

const MARKER = 'PLANTEDTOKENMARKER42';
let ctx: TestContext;
let idp: IdentityProvider;
let environment: Environment;

const user = (name: 'alice' | 'bob') => ctx.seed.users.find((u) => u.username === `${name}@contoso.test`)!;
const brokerUser = (name: 'alice' | 'bob'): BrokerUser => ({ oid: user(name).oid, tenantId: ctx.seed.tenant.id, username: user(name).username });

/** A store that counts writes, standing in for the vault. */
function memoryStore(): MsalCacheStore & { writes: number } {
  let value: string | null = null;
  const store = {
    writes: 0,
    read: async () => value,
    write: async (serialized: string) => {
      store.writes++;
      value = serialized;
    },
  };
  return store;
}

const WINDOW_HANDLE = Buffer.from([0x2a, 0, 0, 0, 0, 0, 0, 0]);

function setup(plugin: FakeBrokerPlugin | null, scheduler?: Scheduler) {
  const logger = capturingLogger();
  const opened: string[] = [];
  const store = memoryStore();
  // Each browser sign-in gets a fresh one-time-code step (a code is accepted once); the IdP's clock, not the wall's.
  ctx.advance(30_000);
  const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, user: user('alice'), now: ctx.now });
  const auth = createAuthService({
    environments: createEnvironmentsService([environment]),
    openBrowser: (url) => (opened.push(url), browser.openBrowser(url)),
    logger,
    cacheStoreFor: () => store,
    brokerPlugin: async () => plugin,
    parentWindowHandle: () => WINDOW_HANDLE,
    ...(scheduler ? { scheduler } : {}),
  });
  return { auth, logger, opened, store, browser };
}

const interactiveCalls = (plugin: FakeBrokerPlugin) => plugin.calls.filter((c) => c.method === 'acquireTokenInteractive');
const lastRequest = (plugin: FakeBrokerPlugin, method: 'acquireTokenSilent' | 'acquireTokenInteractive'): NativeRequest | undefined => {
  const call = plugin.calls.filter((c) => c.method === method).at(-1);
  return call && 'request' in call ? (call.request as NativeRequest) : undefined;
};
const events = (logger: ReturnType<typeof capturingLogger>) => logger.entries.map((e) => e.event);
const noTokenIn = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const marker of [MARKER, BROKER_TOKEN_MARKER]) expect(text).not.toContain(marker);
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
};

beforeAll(async () => {
  ctx = await createTestContext();
  idp = await startIdentityProvider(ctx, { tokenMarker: MARKER });
  environment = environmentForIdp(idp, ctx.seed, ctx.ca.certPath);
});

afterAll(async () => {
  await idp?.stop();
});

describe('sign-in through the WAM broker, with the system browser as the fallback', () => {
  it('signs in through the broker when it is available: no browser, the account is listed, tokens come from the broker', async () => {
    const plugin = createFakeBrokerPlugin({ interactive: [{ user: brokerUser('alice') }] });
    const { auth, logger, opened, store } = setup(plugin);

    const account = await auth.signInInteractive('Sandbox');
    expect(account).toMatchObject({ accountId: `${user('alice').oid}.${ctx.seed.tenant.id}`, username: 'alice@contoso.test', environmentId: 'Sandbox' });
    expect(opened).toEqual([]);
    expect(interactiveCalls(plugin)).toHaveLength(1);
    expect(lastRequest(plugin, 'acquireTokenInteractive')).toMatchObject({ clientId: ctx.seed.client.id, authority: idp.authority, scopes: [environment.armScope] });
    expect(interactiveCalls(plugin)[0]).toMatchObject({ windowHandle: WINDOW_HANDLE }); // WAM's dialog over Airlock's window
    expect((await auth.accounts()).map((a) => a.accountId)).toEqual([account.accountId]);

    const writesBefore = store.writes;
    const ml = await auth.accessToken(account.accountId, 'ml');
    expect(ml.token).toContain(BROKER_TOKEN_MARKER);
    expect(lastRequest(plugin, 'acquireTokenSilent')).toMatchObject({ accountId: `wam-${user('alice').oid}`, scopes: [environment.mlScope] });
    expect(store.writes).toBe(writesBefore); // the broker instance's (empty) cache never overwrites the vault

    // The broker instance logs like the browser one: no PII, token-shaped text redacted.
    const setLogger = plugin.calls.find((c) => c.method === 'setLogger');
    const loggerOptions = setLogger && 'loggerOptions' in setLogger ? setLogger.loggerOptions : undefined;
    expect(loggerOptions?.piiLoggingEnabled).toBe(false);
    loggerOptions?.loggerCallback?.(LogLevel.Warning, 'broker said eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl', false);
    expect(logger.entries.at(-1)).toMatchObject({ level: 'warn', event: 'auth.msal', fields: { message: 'broker said [redacted-jwt]' } });

    await auth.signOut(account.accountId);
    expect(plugin.methods()).toContain('signOut');
    expect(await auth.accounts()).toEqual([]);
    expect(events(logger)).not.toContain('auth.broker_failed');
    noTokenIn([account, logger.entries]);
  });

  it('falls back to the system browser when the broker fails, and logs only the code', async () => {
    const plugin = createFakeBrokerPlugin({ interactive: [{ errorCode: 'platform_broker_error' }] });
    const { auth, logger, opened } = setup(plugin);

    const account = await auth.signInInteractive('Sandbox');
    expect(account).toMatchObject({ accountId: `${user('alice').oid}.${ctx.seed.tenant.id}`, username: 'alice@contoso.test' });
    expect(account.authMethods).toEqual(expect.arrayContaining(['pwd', 'mfa']) as unknown);
    expect(interactiveCalls(plugin)).toHaveLength(1);
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!);
    expect([url.protocol, url.host, url.searchParams.get('code_challenge_method')]).toEqual(['https:', new URL(idp.authority).host, 'S256']);

    expect(logger.entries.filter((e) => e.event === 'auth.broker_failed')).toEqual([
      { level: 'warn', event: 'auth.broker_failed', fields: { environmentId: 'Sandbox', operation: 'sign-in', code: 'platform_broker_error' } },
    ]);
    expect(events(logger)).toContain('auth.signed_in');
    expect(events(logger)).not.toContain('auth.sign_in_failed');

    // The fallback account lives in the browser instance: real tokens from the IdP, not the broker's.
    const arm = await auth.accessToken(account.accountId, 'arm');
    expect(await idp.verifier.verify(arm.token, 'https://management.azure.com')).toMatchObject({ ok: true, token: { oid: user('alice').oid } });
    expect(plugin.methods()).not.toContain('acquireTokenSilent');
    expect((await auth.accounts()).map((a) => a.username)).toEqual(['alice@contoso.test']);
    noTokenIn([account, logger.entries]);
  });

  it('steps up an account the browser signed in through the browser, not WAM, so the retry sees the new token', async () => {
    const plugin = createFakeBrokerPlugin({ interactive: [{ errorCode: 'platform_broker_error' }] });
    const { auth, opened } = setup(plugin);
    const account = await auth.signInInteractive('Sandbox'); // WAM failed: a browser account
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const stepUp = await auth.stepUpRequired(account.accountId, 'arm', claims);
    ctx.advance(30_000); // a fresh one-time-code step for the prompt
    await auth.stepUp(String(stepUp.details?.['stepUpId']));
    expect(interactiveCalls(plugin)).toHaveLength(1); // only the first attempt went to WAM
    expect(opened).toHaveLength(2);
    const { token } = await auth.accessToken(account.accountId, 'arm');
    expect(await idp.verifier.verify(token, 'https://management.azure.com')).toMatchObject({ ok: true, token: { acrs: ['c1'] } });
  });

  it('uses the normal browser path, never calling the plugin, when the broker reports itself unavailable', async () => {
    const plugin = createFakeBrokerPlugin({ available: false, interactive: [{ user: brokerUser('alice') }] });
    const { auth, logger, opened } = setup(plugin);

    const account = await auth.signInInteractive('Sandbox');
    expect(account.username).toBe('alice@contoso.test');
    expect(opened).toHaveLength(1);
    expect((await auth.accounts()).map((a) => a.accountId)).toEqual([account.accountId]);
    expect((await auth.accessToken(account.accountId, 'ml')).token).not.toContain(BROKER_TOKEN_MARKER);
    expect(plugin.calls).toEqual([]);
    expect(events(logger)).not.toContain('auth.broker_failed');
  });

  it('treats a cancel in the broker as a cancelled sign-in: no fallback, no browser', async () => {
    const plugin = createFakeBrokerPlugin({ interactive: [{ errorCode: 'user_canceled' }] });
    const { auth, logger, opened } = setup(plugin);

    await expect(auth.signInInteractive('Sandbox')).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.', retryable: true });
    expect(interactiveCalls(plugin)).toHaveLength(1);
    expect(opened).toEqual([]);
    expect(events(logger)).not.toContain('auth.broker_failed');
    expect(logger.entries.find((e) => e.event === 'auth.sign_in_failed')?.fields).toMatchObject({ code: 'E_AUTH_REQUIRED' });
    expect(await auth.accounts()).toEqual([]);
  });

  it('keeps one prompt for the whole attempt: while the broker asks, no second sign-in; cancelled, no late fallback', async () => {
    let fail: (error: unknown) => void = () => undefined;
    const pending = new Promise<never>((_resolve, reject) => (fail = reject));
    const plugin = createFakeBrokerPlugin({ interactive: [{ pending }, { user: brokerUser('bob') }] });
    const { auth, logger, opened } = setup(plugin);

    const first = auth.signInInteractive('Sandbox');
    await expect.poll(() => interactiveCalls(plugin).length).toBe(1);
    await expect(auth.signInInteractive('Sandbox')).rejects.toMatchObject({ code: 'E_BAD_REQUEST' });
    expect(auth.cancelSignIn()).toBe(true);
    await expect(first).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });

    fail(foreignBrokerError('platform_broker_error')); // WAM gives up late: the user already cancelled in Airlock
    await new Promise((resolve) => setImmediate(resolve));
    expect(opened).toEqual([]);
    expect(events(logger)).not.toContain('auth.broker_failed');

    expect((await auth.signInInteractive('Sandbox')).username).toBe('bob@contoso.test'); // the gate is free again
  });
});

/** The user's part in WAM's dialog, finished when the test says so. */
function laterInWam() {
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  return { finished, finish: () => finish() };
}

describe('a broker sign-in Airlock gave up on, finished in WAM afterwards', () => {
  const signOuts = (plugin: FakeBrokerPlugin) => plugin.calls.filter((c) => c.method === 'signOut');

  it('cancelled: the account WAM added is signed out of WAM again, and Airlock lists no account', async () => {
    const dialog = laterInWam();
    const plugin = createFakeBrokerPlugin({ interactive: [{ user: brokerUser('alice'), finished: dialog.finished }] });
    const { auth, logger } = setup(plugin);

    const signingIn = auth.signInInteractive('Sandbox');
    await expect.poll(() => interactiveCalls(plugin).length).toBe(1);
    expect(auth.cancelSignIn()).toBe(true);
    await expect(signingIn).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });

    dialog.finish(); // the user completes WAM's dialog after cancelling in Airlock
    await expect.poll(() => signOuts(plugin).length).toBe(1);
    expect(signOuts(plugin)[0]).toMatchObject({ request: { accountId: `wam-${user('alice').oid}` } });
    expect(plugin.accounts).toEqual([]);
    expect(await auth.accounts()).toEqual([]);
    expect(logger.entries.find((e) => e.event === 'auth.sign_in_abandoned')?.fields).toEqual({ environmentId: 'Sandbox', method: 'browser' });
    expect(events(logger)).not.toContain('auth.signed_in');
  });

  it('timed out: the same', async () => {
    const timeouts: Array<() => void> = [];
    const dialog = laterInWam();
    const plugin = createFakeBrokerPlugin({ interactive: [{ user: brokerUser('alice'), finished: dialog.finished }] });
    const { auth } = setup(plugin, { schedule: (_delayMs, run) => (timeouts.push(run), { cancel: () => undefined }) });

    const signingIn = auth.signInInteractive('Sandbox');
    await expect.poll(() => interactiveCalls(plugin).length).toBe(1);
    timeouts.forEach((run) => run());
    await expect(signingIn).rejects.toMatchObject({ code: 'E_TIMEOUT' });

    dialog.finish();
    await expect.poll(() => signOuts(plugin).length).toBe(1);
    expect(await auth.accounts()).toEqual([]);
  });

  it('a cancelled step-up finished in WAM as someone else leaves only the account that was there', async () => {
    const dialog = laterInWam();
    const plugin = createFakeBrokerPlugin({ interactive: [{ user: brokerUser('alice') }, { user: brokerUser('bob'), finished: dialog.finished }] });
    const { auth } = setup(plugin);
    const alice = await auth.signInInteractive('Sandbox');
    const stepUp = await auth.stepUpRequired(alice.accountId, 'arm', '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}');

    const steppingUp = auth.stepUp(String(stepUp.details?.['stepUpId']));
    await expect.poll(() => interactiveCalls(plugin).length).toBe(2);
    expect(auth.cancelSignIn()).toBe(true);
    await expect(steppingUp).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });

    dialog.finish(); // bob finishes the dialog
    await expect.poll(() => signOuts(plugin).length).toBe(1);
    expect(signOuts(plugin)[0]).toMatchObject({ request: { accountId: `wam-${user('bob').oid}` } });
    expect((await auth.accounts()).map((a) => a.username)).toEqual(['alice@contoso.test']);
  });

  it('keeps an account that was in WAM before the abandoned prompt', async () => {
    const dialog = laterInWam();
    const plugin = createFakeBrokerPlugin({ interactive: [{ user: brokerUser('alice') }, { user: brokerUser('alice'), finished: dialog.finished }] });
    const { auth, logger } = setup(plugin);
    await auth.signInInteractive('Sandbox');

    const again = auth.signInInteractive('Sandbox');
    await expect.poll(() => interactiveCalls(plugin).length).toBe(2);
    expect(auth.cancelSignIn()).toBe(true);
    await expect(again).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });
    dialog.finish();
    await expect.poll(() => events(logger)).toContain('auth.sign_in_abandoned');

    expect(signOuts(plugin)).toEqual([]);
    expect((await auth.accounts()).map((a) => a.username)).toEqual(['alice@contoso.test']);
  });
});

describe('the broker through the composition root, next to the vault', () => {
  it('keeps a browser account in the vault while a broker account is used, across an eviction', async () => {
    const plugin = createFakeBrokerPlugin({ interactive: [{ errorCode: 'platform_broker_error' }, { user: brokerUser('bob') }] });
    ctx.advance(30_000);
    const browser = createScriptedBrowser({ caPem: ctx.ca.certPem, user: user('alice'), now: ctx.now });
    const logger = capturingLogger();
    const airlock = createAirlock(
      { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' }, extraEnvironments: [environment] },
      {
        clock: fixedClock(),
        logger,
        identity: { openBrowser: browser.openBrowser, keychain: createMemoryKeychain(), userDataDir: mkdtempSync(path.join(tmpdir(), 'airlock-broker-')), brokerPlugin: async () => plugin },
      },
    );
    try {
      const alice = await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' }); // the broker fails: browser
      const bob = await through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' }); // the broker works
      expect([alice.username, bob.username]).toEqual(['alice@contoso.test', 'bob@contoso.test']);
      expect((await airlock.services.auth.accessToken(bob.accountId, 'arm')).token).toContain(BROKER_TOKEN_MARKER);

      airlock.services.auth.evict('Sandbox'); // as the idle lock does: the next use reloads from the vault
      const arm = await airlock.services.auth.accessToken(alice.accountId, 'arm');
      expect(await idp.verifier.verify(arm.token, 'https://management.azure.com')).toMatchObject({ ok: true, token: { oid: user('alice').oid } });
      expect((await airlock.services.auth.accounts()).map((a) => a.username).sort()).toEqual(['alice@contoso.test', 'bob@contoso.test']);
      noTokenIn([alice, bob, logger.entries]);
    } finally {
      await airlock.dispose();
    }
  });
});
