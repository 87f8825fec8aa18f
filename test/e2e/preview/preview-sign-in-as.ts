// Signs a sandbox demo user in to a running preview the way a person does: Sign in with the default method
// (in my browser) opens the IdP's page in a window of the same Chromium; email and password, then the TOTP
// code an authenticator app would show, consent if asked; the window closes on Airlock's loopback page and
// the status bar names the account. Same steps as preview-sign-in.e2e.test.ts, for tests that only need to
// be signed in.
import { expect } from 'vitest';
import type { SandboxEnvironment } from '../../../sandbox/environment/environment-file';
import type { RunningPreview } from '../../../scripts/preview';
import { totp } from '../../support/sandbox/scripted-browser';

export async function signInThroughStandIn(preview: RunningPreview, env: SandboxEnvironment, username: string): Promise<void> {
  const user = env.users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username} in the sandbox`);
  const app = preview.host.page;
  const opened = preview.host.standIn.context.waitForEvent('page');
  await app.getByRole('button', { name: 'Sign in', exact: true }).click();
  const win = await opened;
  await win.getByLabel('Email').waitFor({ timeout: 30_000 });
  await win.getByLabel('Email').fill(user.username);
  await win.getByLabel('Password').fill(user.password);
  await win.getByRole('button', { name: 'Sign in', exact: true }).click();
  await win.getByLabel('Code').waitFor({ timeout: 30_000 });
  await win.getByLabel('Code').fill(totp(user.totpSecret, new Date()));
  const closed = win.waitForEvent('close', { timeout: 30_000 });
  await win.getByRole('button', { name: 'Verify' }).click();
  // Consent comes once per user and app; either way the window ends on Airlock's loopback page and closes.
  await Promise.race([win.getByRole('button', { name: 'Accept' }).click().catch(() => undefined), closed]);
  await closed;
  await expect.poll(() => app.locator('[data-status="account"]').textContent(), { timeout: 30_000 }).toBe(username);
}
