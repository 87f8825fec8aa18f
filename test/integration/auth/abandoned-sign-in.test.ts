// A sign-in Airlock gave up on (cancelled, timed out) never produces an account, even when the user finishes
// it in the browser afterwards: its loopback listener is closed (the browser's hand-back is refused), and a
// device code stops being polled. Checked with the real msal-node against the sandbox IdP, through the auth
// service over a real vault (so "no account" holds both in MSAL's memory and in the encrypted cache), with a
// scheduler the test fires instead of waiting ten minutes.
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { authContextClaims, createAuthService, type AuthService } from '../../../electron/services/auth';
import { createEnvironmentsService } from '../../../electron/services/environments';
import type { Scheduler } from '../../../electron/services/ports';
import { createMemoryKeychain, createVault, type Vault } from '../../../electron/services/vault';
import { createHoldingNetwork, type HoldingNetwork } from '../../support/sandbox/held-token-requests';
import { useSandboxIdp } from '../../support/sandbox/use-sandbox-idp';
import { capturingLogger } from '../../support/test-airlock';

const SIGN_IN_TIMEOUT_MS = 10 * 60_000;
const sandbox = useSandboxIdp();
const browserAs = sandbox.browserAs;

/** Resolves with the error code of a TCP connect to the port (ECONNREFUSED once nothing listens). */
const connectOutcome = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });

const loopbackPort = (authorizeUrl: string) => Number(new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!).port);

describe('abandoned sign-ins', () => {
  let auth: AuthService;
  let vault: Vault;
  let logs: ReturnType<typeof capturingLogger>;
  let opened: string[];
  let browserOpens: (url: string) => Promise<void>;
  let tokenPolls: () => number;
  let network: HoldingNetwork;
  const due: Array<{ delayMs: number; run: () => void }> = [];
  const scheduler: Scheduler = {
    schedule(delayMs, run) {
      const task = { delayMs, run };
      due.push(task);
      return { cancel: () => void (due.includes(task) && due.splice(due.indexOf(task), 1)) };
    },
  };
  const signInTimesOut = () => due.filter((t) => t.delayMs === SIGN_IN_TIMEOUT_MS).forEach((t) => t.run());

  /** The accounts in the vault's encrypted cache (what a restart would find). */
  const accountsInVault = async () => Object.keys((JSON.parse((await vault.readMsalCache()) ?? '{}') as { Account?: object }).Account ?? {});

  beforeEach(() => {
    sandbox.ctx.advance(30_000); // a fresh one-time code for each sign-in the scripted user finishes
    logs = capturingLogger();
    opened = [];
    browserOpens = async (url) => void opened.push(url); // the browser opens; the user finishes later (or not)
    const dir = mkdtempSync(path.join(tmpdir(), 'airlock-abandoned-'));
    vault = createVault({ keychain: createMemoryKeychain(), files: { dir }, clock: { now: () => new Date(), monotonicMs: () => performance.now() }, logger: logs, environmentId: 'Sandbox', scheduler });
    const seen: Array<{ method: string; url: string; body?: string }> = [];
    tokenPolls = () => seen.filter((r) => r.body?.includes('device_code=')).length;
    network = createHoldingNetwork(sandbox.ctx.ca.certPem, seen);
    auth = createAuthService({
      environments: createEnvironmentsService([sandbox.environment]),
      openBrowser: (url) => browserOpens(url),
      logger: logs,
      scheduler,
      interactiveTimeoutMs: SIGN_IN_TIMEOUT_MS,
      networkClientFor: () => network.client(),
      cacheStoreFor: () => ({ read: () => vault.readMsalCache(), write: (s) => vault.writeMsalCache(s) }),
    });
  });

  it('cancelled in Airlock, finished in the browser later: the hand-back is refused and no account appears', async () => {
    const signingIn = auth.signInInteractive('Sandbox');
    await expect.poll(() => opened.length).toBe(1);
    expect(auth.cancelSignIn()).toBe(true);
    await expect(signingIn).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });

    expect(await connectOutcome(loopbackPort(opened[0]!))).toBe('ECONNREFUSED');
    await expect(browserAs('alice').visit(opened[0]!)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await auth.accounts()).toEqual([]);
    expect(await accountsInVault()).toEqual([]);
  });

  it('timed out, finished in the browser later: the same', async () => {
    const signingIn = auth.signInInteractive('Sandbox');
    await expect.poll(() => opened.length).toBe(1);
    signInTimesOut();
    await expect(signingIn).rejects.toMatchObject({ code: 'E_TIMEOUT' });

    expect(await connectOutcome(loopbackPort(opened[0]!))).toBe('ECONNREFUSED');
    await expect(browserAs('alice').visit(opened[0]!)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await auth.accounts()).toEqual([]);
    expect(await accountsInVault()).toEqual([]);
  });

  it('cancelled while the IdP was answering the code: the late tokens join no cache', async () => {
    browserOpens = browserAs('alice').openBrowser; // the user finishes in the browser at once
    const tokenRequest = network.holdNextTokenRequest();
    const signingIn = auth.signInInteractive('Sandbox');
    await tokenRequest.reached; // the code is being redeemed
    expect(auth.cancelSignIn()).toBe(true);
    await expect(signingIn).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });

    tokenRequest.release(); // the IdP's tokens arrive after the cancel
    await expect.poll(() => logs.entries.some((e) => e.event === 'auth.sign_in_abandoned')).toBe(true);
    expect(await auth.accounts()).toEqual([]);
    expect(await accountsInVault()).toEqual([]);
    expect(logs.entries.find((e) => e.event === 'auth.sign_in_abandoned')?.fields).toEqual({ environmentId: 'Sandbox', method: 'browser' });
  });

  it('a cancelled step-up finished later as someone else adds nobody (no wrong-account check to skip)', async () => {
    browserOpens = browserAs('alice').openBrowser;
    const alice = await auth.signInInteractive('Sandbox');
    browserOpens = async (url) => void opened.push(url);
    const stepUpId = (await auth.stepUpRequired(alice.accountId, 'arm', authContextClaims('c1'))).details?.['stepUpId'] as string;
    const steppingUp = auth.stepUp(stepUpId);
    await expect.poll(() => opened.length).toBe(1);
    expect(auth.cancelSignIn()).toBe(true);
    await expect(steppingUp).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });

    await expect(browserAs('bob').visit(opened[0]!)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect((await auth.accounts()).map((a) => a.username)).toEqual(['alice@contoso.test']);
    expect(await accountsInVault()).toHaveLength(1);
  });

  it('a cancelled device code stops polling, and approving it afterwards adds nothing', async () => {
    let prompt: { userCode: string; verificationUri: string } | null = null;
    const signingIn = auth.signInWithDeviceCode('Sandbox', (p) => (prompt = p));
    await expect.poll(() => prompt).not.toBeNull();
    expect(auth.cancelSignIn()).toBe(true);
    await expect(signingIn).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED', message: 'Sign-in was cancelled.' });

    await browserAs('bob').completeDeviceCode(prompt!.verificationUri, prompt!.userCode);
    // Until the abandoned attempt has ended (MSAL checks its cancel flag once per polling interval), or, if
    // it kept polling, until the approval would have landed.
    await expect
      .poll(async () => logs.entries.some((e) => e.event === 'auth.sign_in_abandoned') || (await auth.accounts()).length > 0, { timeout: 10_000 })
      .toBe(true);
    const pollsWhenEnded = tokenPolls();
    expect(await auth.accounts()).toEqual([]);
    expect(await accountsInVault()).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(tokenPolls()).toBe(pollsWhenEnded);
    expect(logs.entries.find((e) => e.event === 'auth.sign_in_abandoned')?.fields).toMatchObject({ method: 'device-code' });
  });

});
