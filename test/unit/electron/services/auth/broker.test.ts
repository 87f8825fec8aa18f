// The WAM broker port: the loader of the real plugin (Windows only, never fatal), the error adoption that
// lets Airlock's error mapping see broker errors, and the broker-then-browser rule of interactive sign-in.
import { AuthError, InteractionRequiredAuthError, type AuthenticationResult, type PublicClientApplication } from '@azure/msal-node';
import { describe, expect, it, vi } from 'vitest';
import { acquireInteractive, adoptBrokerError, brokerPluginOnce, loadNativeBrokerPlugin } from '../../../../../electron/services/auth/broker';
import { createInteractiveGate } from '../../../../../electron/services/auth/interactive-gate';
import { toAuthError } from '../../../../../electron/services/auth/msal-errors';
import { BROKER_TOKEN_MARKER, createFakeBrokerPlugin, foreignBrokerError } from '../../../../support/fake-broker-plugin';
import { capturingLogger } from '../../../../support/test-airlock';

// Counts real imports of the extensions package; the loader must not touch it off Windows.
const extensions = vi.hoisted(() => ({ imports: 0 }));
vi.mock('@azure/msal-node-extensions', async () => {
  extensions.imports++;
  const { createFakeBrokerPlugin: fake } = await import('../../../../support/fake-broker-plugin');
  return { NativeBrokerPlugin: function NativeBrokerPlugin() { return fake(); } };
});

describe('loading the real broker plugin', () => {
  it('gives null on Linux and macOS without importing anything', async () => {
    const logger = capturingLogger();
    const importExtensions = vi.fn();
    for (const platform of ['linux', 'darwin'] as const) expect(await loadNativeBrokerPlugin(logger, { platform, importExtensions })).toBeNull();
    expect(importExtensions).not.toHaveBeenCalled();
    if (process.platform !== 'win32') expect(await loadNativeBrokerPlugin(logger)).toBeNull(); // this machine's own platform
    expect(extensions.imports).toBe(0);
    expect(logger.entries).toEqual([]);
  });

  it('imports @azure/msal-node-extensions on Windows and gives its NativeBrokerPlugin', async () => {
    const plugin = await loadNativeBrokerPlugin(capturingLogger(), { platform: 'win32' });
    expect(extensions.imports).toBe(1);
    expect(plugin?.isBrokerAvailable).toBe(true);
  });

  it('gives null, and says why without the error text, when the package or its runtime cannot load', async () => {
    const logger = capturingLogger();
    const missing = Object.assign(new Error("Cannot find package '@azure/msal-node-extensions' imported from C:\\Users\\alice\\airlock"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(await loadNativeBrokerPlugin(logger, { platform: 'win32', importExtensions: () => Promise.reject(missing) })).toBeNull();
    expect(logger.entries).toEqual([{ level: 'warn', event: 'auth.broker_unavailable', fields: { reason: 'load-failed', code: 'ERR_MODULE_NOT_FOUND' } }]);
    expect(JSON.stringify(logger.entries)).not.toContain('alice');
  });

  it('gives null when the broker runtime reports itself unavailable', async () => {
    const logger = capturingLogger();
    const unavailable = createFakeBrokerPlugin({ available: false });
    const importExtensions = async () => ({ NativeBrokerPlugin: function NativeBrokerPlugin() { return unavailable; } as unknown as new () => typeof unavailable });
    expect(await loadNativeBrokerPlugin(logger, { platform: 'win32', importExtensions })).toBeNull();
    expect(logger.entries.map((e) => e.fields?.['reason'])).toEqual(['runtime-not-loaded']);
    expect(unavailable.calls).toEqual([]);
  });
});

describe('the plugin as the auth service sees it', () => {
  it('loads once, and treats a loader that throws or an unavailable broker as no broker', async () => {
    const load = vi.fn(async () => createFakeBrokerPlugin());
    const once = brokerPluginOnce(load, capturingLogger());
    expect(await once()).toBe(await once());
    expect(load).toHaveBeenCalledTimes(1);

    const logger = capturingLogger();
    expect(await brokerPluginOnce(() => Promise.reject(new Error('boom')), logger)()).toBeNull();
    expect(logger.entries[0]).toMatchObject({ event: 'auth.broker_unavailable', fields: { reason: 'load-failed', code: 'unknown' } });
    const unavailable = createFakeBrokerPlugin({ available: false });
    expect(await brokerPluginOnce(async () => unavailable, logger)()).toBeNull();
    expect(await brokerPluginOnce(undefined, logger)()).toBeNull();
    expect(unavailable.calls).toEqual([]);
  });

  it("rebuilds the plugin's errors as msal-node's, so claims challenges and re-sign-ins map as usual", async () => {
    const fake = createFakeBrokerPlugin();
    const plugin = (await brokerPluginOnce(async () => fake, capturingLogger())())!;
    const silent = await plugin.acquireTokenSilent({ clientId: 'c', authority: 'https://login.example/t', correlationId: '', redirectUri: '', scopes: ['s'], accountId: 'nobody' }).catch((e: unknown) => e);
    expect(silent).toBeInstanceOf(InteractionRequiredAuthError);
    expect(toAuthError(silent)).toMatchObject({ code: 'E_AUTH_REQUIRED' });

    const challenged = adoptBrokerError(Object.assign(foreignBrokerError('interaction_required', 'InteractionRequiredAuthError'), { claims: '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}' }));
    expect(challenged).toBeInstanceOf(InteractionRequiredAuthError);
    expect(toAuthError(challenged)).toMatchObject({ code: 'E_STEP_UP_REQUIRED' });

    const cancelled = adoptBrokerError(foreignBrokerError('user_canceled'));
    expect(cancelled).toBeInstanceOf(AuthError);
    expect(cancelled).toMatchObject({ errorCode: 'user_canceled' });
    expect(JSON.stringify({ message: (cancelled as Error).message, ...(cancelled as object) })).not.toContain(BROKER_TOKEN_MARKER);

    const own = new AuthError('x', '');
    expect(adoptBrokerError(own)).toBe(own);
    expect(adoptBrokerError('text')).toBe('text');
  });
});

describe('interactive sign-in with a broker', () => {
  const app = (acquire: () => Promise<unknown>, listed: unknown[] = []) =>
    ({ acquireTokenInteractive: vi.fn(acquire), getAllAccounts: async () => listed, signOut: vi.fn(async () => undefined) }) as unknown as PublicClientApplication & {
      acquireTokenInteractive: ReturnType<typeof vi.fn>;
      signOut: ReturnType<typeof vi.fn>;
    };
  const request = { scopes: ['s'], openBrowser: async () => undefined };
  const live = new AbortController().signal;
  const context = (signal: AbortSignal, logger = capturingLogger(), undos: Array<() => Promise<void>> = []) => ({ signal, logger, environmentId: 'E', undoIfUnsettled: (undo: () => Promise<void>) => void undos.push(undo) });

  it('opens no WAM dialog for an attempt the gate already gave up on (a cancel while the attempt was set up)', async () => {
    const browser = vi.fn(async () => ({ account: {} }) as AuthenticationResult);
    const gave = new AbortController();
    gave.abort();
    const broker = app(async () => ({ account: { homeAccountId: 'a' } }));
    await expect(acquireInteractive({ broker, browser }, context(gave.signal), request)).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });
    expect(broker.acquireTokenInteractive).not.toHaveBeenCalled();
    expect(browser).not.toHaveBeenCalled();
  });

  it('opens no browser once the gate has given up on the attempt (cancelled or timed out)', async () => {
    const logger = capturingLogger();
    const browser = vi.fn(async () => ({ account: {} }) as AuthenticationResult);
    const gave = new AbortController();
    const broker = app(() => (gave.abort(), Promise.reject(foreignBrokerError('platform_broker_error'))));
    await expect(acquireInteractive({ broker, browser }, context(gave.signal, logger), request)).rejects.toMatchObject({ errorCode: 'platform_broker_error' });
    expect(browser).not.toHaveBeenCalled();
    expect(logger.entries).toEqual([]);
  });

  it('answered after the gate gave up: cancelled, and a new account is to be signed out of WAM unless the attempt settles', async () => {
    const gave = new AbortController();
    const newcomer = { homeAccountId: 'new', nativeAccountId: 'wam-new' };
    const broker = app(() => (gave.abort(), Promise.resolve({ account: newcomer })), [{ homeAccountId: 'old', nativeAccountId: 'wam-old' }]);
    const undos: Array<() => Promise<void>> = [];
    await expect(acquireInteractive({ broker, browser: vi.fn() }, context(gave.signal, capturingLogger(), undos), request)).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });
    expect(undos).toHaveLength(1);
    await undos[0]!();
    expect(broker.signOut).toHaveBeenCalledWith({ account: newcomer });
  });

  it('leaves nothing to undo for an account WAM already held before the prompt', async () => {
    const known = { homeAccountId: 'old', nativeAccountId: 'wam-old' };
    const broker = app(async () => ({ account: known }), [known]);
    const undos: Array<() => Promise<void>> = [];
    expect(await acquireInteractive({ broker, browser: vi.fn() }, context(live, capturingLogger(), undos), request)).toEqual({ account: known });
    expect(undos).toEqual([]);
  });

  it('goes straight to the browser without a broker', async () => {
    const browser = vi.fn(async () => 'browser-result' as unknown as AuthenticationResult);
    expect(await acquireInteractive({ broker: null, browser }, context(live), request)).toBe('browser-result');
  });

  it('tells the attempt through its signal when the gate gives up', async () => {
    const gate = createInteractiveGate(600_000, { schedule: () => ({ cancel: () => undefined }) });
    let seen: AbortSignal | undefined;
    const running = gate.run((signal) => ((seen = signal), new Promise<never>(() => undefined)));
    expect(seen?.aborted).toBe(false);
    gate.cancel();
    await expect(running).rejects.toMatchObject({ message: 'Sign-in was cancelled.' });
    expect(seen?.aborted).toBe(true);
  });
});
