// The user's path through `npm run preview`, driven through the same function the command runs (startPreview
// with the command's own parsed flags): its default sandbox and default environment, the default sign-in
// method, the sign-in page in a new window of the same Chromium (password, then the TOTP code an
// authenticator app would show), back in the app signed in, browsing workspaces and models. Then the
// device-code link opens a window on the verification page, where the code completes the sign-in.
// The sign-in window reaches only the sign-in host and the loopback redirect. Afterwards every IPC result
// is searched for tokens (the real access token, any JWT) and the demo users' passwords and TOTP secrets.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEnvironment, SandboxUserEntry } from '../../../sandbox/environment/environment-file';
import { ROOT } from '../../../scripts/build';
import { parsePreviewArgs, screenshotPath, startPreview, type PreviewOptions, type RunningPreview } from '../../../scripts/preview';
import { certutilMissing } from '../../harness/certutil';
import { totp } from '../../support/sandbox/scripted-browser';
import { capturingLogger } from '../../support/test-airlock';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const missing = certutilMissing();
if (missing) console.log(`SKIPPED preview sign-in e2e (test/e2e/preview): the stand-in browser cannot trust the sandbox CA — ${missing}.`);
const ipcLog: Array<{ channel: unknown; result: unknown }> = [];
const logger = capturingLogger();
let stateDir: string;
let options: PreviewOptions;
let preview: RunningPreview;
let env: SandboxEnvironment;
const user = (name: string): SandboxUserEntry => env.users.find((u) => u.username === name)!;
const app = (): Page => preview.host.page;

/** The next window the stand-in browser opens, once `action` ran. */
async function windowOpenedBy(action: () => Promise<void>): Promise<Page> {
  const opened = preview.host.standIn.context.waitForEvent('page');
  await action();
  return opened;
}

/**
 * Whether a window may go to `url`: the IdP's pages forbid fetch (CSP default-src 'none'), so the probe is a
 * navigation, which the stand-in's routing answers before any connection is made. Returns to where it was.
 */
async function reach(win: Page, url: string): Promise<'reached' | 'refused'> {
  const back = win.url();
  const outcome = await win.goto(url).then(
    () => 'reached' as const,
    (thrown: Error) => (/ERR_BLOCKED_BY_CLIENT/.test(thrown.message) ? ('refused' as const) : Promise.reject(thrown)),
  );
  if (outcome === 'refused') await win.waitForURL(/^chrome-error:/); // Chromium's own error page commits after the refusal
  await win.goto(back);
  return outcome;
}

beforeAll(async () => {
  if (missing) return;
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-preview-e2e-'));
  // The command's own parsing: its defaults (the sandbox, workspaces, light), headless, and a temp state folder.
  options = parsePreviewArgs(['--headless', '--state-dir', stateDir]);
  preview = await startPreview(options, { onIpcResult: (channel, result) => ipcLog.push({ channel, result }), logger });
  env = JSON.parse(await readFile(path.join(stateDir, 'environment.json'), 'utf8')) as SandboxEnvironment;
}, 120_000);

afterAll(async () => {
  await preview?.stop();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

describe.skipIf(missing !== null)('npm run preview: sign in to the sandbox and browse, as a user does', () => {
  it('starts with the sandbox as the default environment and the browser as the default method, and writes its screenshot', async () => {
    expect(preview.screenshot).toBe(screenshotPath(options));
    expect(existsSync(preview.screenshot)).toBe(true);
    expect(await app().getByRole('combobox', { name: 'Environment' }).inputValue()).toBe('Sandbox');
    expect(await app().getByRole('radio', { name: 'In my browser (recommended)' }).isChecked()).toBe(true);
  });

  it('opens the sign-in page in a new window of the same Chromium, which reaches nothing but the sign-in host', async () => {
    const signInWindow = await windowOpenedBy(() => app().getByRole('button', { name: 'Sign in', exact: true }).click());
    expect(signInWindow.context().browser()).toBe(preview.host.browser);
    expect(signInWindow.context()).not.toBe(preview.host.context); // its own cookies and storage, like a real browser
    await signInWindow.getByLabel('Email').waitFor();
    // TLS is checked by Chromium against the sandbox CA: the page loaded over https without any exception.
    expect(new URL(signInWindow.url()).origin).toBe(new URL(env.authority).origin);
    expect(new URL(signInWindow.url()).protocol).toBe('https:');
    // Same CA, same machine, another origin (ARM): refused. So is anything on the open web.
    expect(await reach(signInWindow, `${env.armEndpoint}/subscriptions?api-version=2022-12-01`)).toBe('refused');
    expect(await reach(signInWindow, 'https://airlock-probe.invalid/')).toBe('refused');
    expect(await reach(signInWindow, `${env.authority}/v2.0/.well-known/openid-configuration`)).toBe('reached');
    await signInWindow.screenshot({ path: path.join(SHOTS, 'preview-sign-in-window.png') });

    const alice = user('alice@contoso.test');
    await signInWindow.getByLabel('Email').fill(alice.username);
    await signInWindow.getByLabel('Password').fill(alice.password);
    await signInWindow.getByRole('button', { name: 'Sign in', exact: true }).click();
    await signInWindow.getByLabel('Code').waitFor();
    await signInWindow.getByLabel('Code').fill(totp(alice.totpSecret, new Date()));
    const closed = signInWindow.waitForEvent('close', { timeout: 30_000 });
    await signInWindow.getByRole('button', { name: 'Verify' }).click();
    const accept = signInWindow.getByRole('button', { name: 'Accept' });
    // Consent comes once per user and app; either way the window ends on Airlock's loopback page and closes.
    await Promise.race([accept.click().catch(() => undefined), closed]);
    await closed;

    await expect.poll(() => app().locator('[data-status="account"]').textContent(), { timeout: 30_000 }).toBe('alice@contoso.test');
  });

  it('browses her workspaces and a workspace\'s models from the sandbox ARM', async () => {
    const list = app().getByRole('list', { name: 'Workspaces' });
    await list.waitFor({ timeout: 30_000 });
    expect(await list.getByRole('listitem').count()).toBe(3);
    await app().locator('[data-workspace="ws-credit-private"]').click();
    const table = app().getByRole('grid', { name: 'Models in Credit risk (private)' });
    await table.waitFor({ timeout: 30_000 });
    expect(await table.textContent()).toContain('credit-risk');
    await app().screenshot({ path: path.join(SHOTS, 'preview-signed-in.png') });
  });

  it('opens the device-code link as a window on the verification page, where the code completes the sign-in', async () => {
    await app().locator('[data-status="account"]').click();
    await app().getByRole('menuitem', { name: 'Sign out alice@contoso.test' }).click();
    await expect.poll(() => app().locator('[data-status="account"]').textContent()).toBe('Account: Not signed in');
    await app().getByRole('radio', { name: 'With a code on another device (remote desktops)' }).check();
    await app().getByRole('button', { name: 'Sign in', exact: true }).click();
    const code = app().locator('[data-device-code]');
    await code.waitFor({ timeout: 30_000 });
    const userCode = (await code.textContent())!.trim();
    const link = app().locator('[data-device-link]');
    const verificationUri = (await link.textContent())!.trim();

    const verification = await windowOpenedBy(() => link.click());
    await expect.poll(() => verification.url()).toBe(verificationUri);
    expect(await reach(verification, `${env.armEndpoint}/`)).toBe('refused');
    expect(await reach(verification, `${env.bastion.endpoint}/`)).toBe('refused');
    await verification.locator('input[name="user_code"]').fill(userCode);
    await verification.getByRole('button', { name: 'Next' }).click();
    await verification.getByRole('button', { name: 'Continue' }).click(); // "Are you trying to sign in?"
    // Like a real browser, the stand-in still holds alice's session at the IdP (signing out of Airlock does not
    // sign out of the IdP), so no password is asked again: the IdP goes on to consent, if it asks, and done.
    const done = verification.getByText('You have signed in to the application on your device.');
    await done.or(verification.getByRole('button', { name: 'Accept' })).waitFor();
    if (!(await done.isVisible())) await verification.getByRole('button', { name: 'Accept' }).click();
    await done.waitFor();
    await verification.screenshot({ path: path.join(SHOTS, 'preview-device-code-done.png') });
    await verification.close();

    await expect.poll(() => app().locator('[data-status="account"]').textContent(), { timeout: 30_000 }).toBe('alice@contoso.test');
  });

  it('handed the renderer no token, password or TOTP secret in any IPC result', async () => {
    const accounts = await preview.host.airlock.services.session.accounts();
    const alice = accounts.accounts.find((a) => a.username === 'alice@contoso.test')!;
    const { token: accessToken } = await preview.host.airlock.services.auth.accessToken(alice.accountId, 'arm');
    expect(accessToken.length).toBeGreaterThan(40);
    const ipc = JSON.stringify(ipcLog);
    expect(ipcLog.length).toBeGreaterThan(10);
    const secrets = [accessToken, ...env.users.flatMap((u) => [u.password, u.totpSecret])];
    for (const secret of secrets) expect(ipc.includes(secret), 'a secret in an IPC result').toBe(false);
    expect(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/.test(ipc), 'a JWT in an IPC result').toBe(false);
    expect(JSON.stringify(logger.entries).includes(accessToken)).toBe(false);
  });
});
