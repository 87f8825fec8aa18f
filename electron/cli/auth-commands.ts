// `airlock login | logout | whoami`: the sign-in through the guarded door (auth.signIn, its progress as the
// auth.signInProgress event, auth.signOut, auth.session / auth.accounts), like the app's sign-in screen and
// Session panel. Tokens stay in main: they persist between runs in the vault (keys in the OS keychain), as in
// the app. A sign-in that could not be kept (no keychain) is refused in words before it starts, and signed
// out again if the vault turns out to keep it in memory only: the next command would not find it.
import type { InProcessGateway } from '../services';
import { SignInProgress, SignInRequest } from '../../shared/contract/schemas/auth';
import { AirlockError } from '../../shared/errors/airlock-error';
import { schemaCheck, type CliCommand, type CliIo } from './cli-command';
import { callChannel } from './contract-call';
import { chosenEnvironment } from './environment-choice';
import { accountLine, formatDeviceCode, formatSignedIn, formatWhoami } from './format-auth';
import { useSignedInAccount } from './signed-in';

function cannotKeep(reason: string): AirlockError {
  return new AirlockError('E_KEYCHAIN_UNAVAILABLE', {
    message: `${reason.replace(/\.$/, '')}, so a sign-in would last only until this command ends; Airlock did not sign you in.`,
    hint: 'Start your keychain (on Linux a Secret Service such as GNOME Keyring, unlocked) and run airlock login again.',
  });
}

/** Announces the device code once, the moment main has it (the push event; polled where there is none). */
function watchDeviceCode(gateway: InProcessGateway, io: CliIo, settled: () => boolean): () => void {
  let announced = false;
  const seen = (payload: unknown) => {
    const parsed = SignInProgress.safeParse(payload);
    const code = parsed.success ? parsed.data.deviceCode : null;
    if (announced || !code) return;
    announced = true;
    io.event?.({ event: 'device_code', verificationUri: code.verificationUri, userCode: code.userCode, expiresAt: code.expiresAt }, formatDeviceCode(code.verificationUri, code.userCode, code.expiresAt));
  };
  if (io.events) return io.events.subscribe((event) => event.name === 'auth.signInProgress' && seen(event.payload));
  let stopped = false;
  void (async () => {
    while (!stopped && !announced && !settled()) {
      seen(await callChannel(gateway, 'auth.signInProgress', undefined).catch(() => null));
      await new Promise((resolve) => setTimeout(resolve, io.pollMs ?? 500));
    }
  })();
  return () => (stopped = true);
}

export const LOGIN_COMMAND: CliCommand = {
  summary: 'Signs in to the environment (default: the sandbox in development) in the system browser, or with a device code',
  flags: {
    'device-code': { metavar: '', switch: true, needs: '', help: 'Sign in on another device with a code (with --json the first line is the code as JSON)' },
    tenant: { metavar: 'T', needs: 'a tenant ID or domain', help: 'The tenant to sign in to (GUID or domain)', check: schemaCheck(SignInRequest.shape.tenant) },
  },
  async run(gateway, options, io) {
    const environment = await chosenEnvironment(gateway, io.environment);
    const keychain = await io.keychain?.();
    if (keychain && !keychain.available) throw cannotKeep(keychain.reason ?? 'The keychain cannot be reached');
    const method = options['device-code'] === 'true' ? 'device-code' : 'browser';
    const tenant = options['tenant'];
    let settled = false;
    const unwatch = method === 'device-code' ? watchDeviceCode(gateway, io, () => settled) : () => undefined;
    // Ctrl-C while waiting stops the sign-in in main (auth.cancelSignIn), which then ends with its error.
    void io.waitForStop?.().then(() => (settled ? undefined : callChannel(gateway, 'auth.cancelSignIn', undefined).catch(() => undefined)));
    let account;
    try {
      account = await callChannel(gateway, 'auth.signIn', { environmentId: environment.id, method, ...(tenant === undefined ? {} : { tenant }) });
    } finally {
      settled = true;
      unwatch();
    }
    const session = await callChannel(gateway, 'auth.session', undefined);
    if (session.vault?.mode === 'memory-only') {
      await callChannel(gateway, 'auth.signOut', { accountId: account.accountId }).catch(() => undefined);
      throw cannotKeep(session.vault.reason ?? 'The keychain cannot be reached');
    }
    return { value: { event: 'signed_in', account }, text: formatSignedIn(account, session.vault), exitCode: 0, compact: true };
  },
};

export const LOGOUT_COMMAND: CliCommand = {
  summary: 'Signs the active account (or the --environment one) out and removes its tokens from this device',
  async run(gateway, _options, io) {
    let account;
    try {
      account = await useSignedInAccount(gateway, io.environment);
    } catch (thrown) {
      if (thrown instanceof AirlockError && thrown.code === 'E_AUTH_REQUIRED') return { value: { signedOut: null }, text: 'No account was signed in.\n', exitCode: 0 };
      throw thrown;
    }
    const value = await callChannel(gateway, 'auth.signOut', { accountId: account.accountId });
    return { value: { signedOut: account, ...value }, text: `Signed out ${accountLine(account)}; its tokens were removed from this device.\n`, exitCode: 0 };
  },
};

export const WHOAMI_COMMAND: CliCommand = {
  summary: 'The signed-in account: environment, tenant, token lifetimes (never the tokens), where they are kept',
  async run(gateway, _options, io) {
    await useSignedInAccount(gateway, io.environment);
    const session = await callChannel(gateway, 'auth.session', undefined);
    const { accounts, activeAccountId } = await callChannel(gateway, 'auth.accounts', undefined);
    return { value: { ...session, accounts, activeAccountId }, text: formatWhoami(session, accounts), exitCode: session.account ? 0 : 1 };
  },
};
