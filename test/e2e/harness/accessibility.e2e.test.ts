// Accessibility, checked rather than assumed (issue 11, "Done when"): axe-core (wcag2a/2aa/21aa + best practice)
// runs on every screen bob reaches against the whole sandbox — the signed-out start screen, Workspaces with a
// workspace's models, the step-up prompt, the error panel a cancelled step-up leaves, Endpoints, Connections,
// Audit (list, detail, a verify result), Settings (general + Policy) — in light, dark and high contrast, and
// reports no serious or critical violation. The themes are switched the way the OS would (prefers-color-scheme,
// forced-colors) so a dialog stays open while its three themes are checked. Keyboard: the main actions are
// reached with Tab and show a focus ring; the step-up dialog keeps focus inside and closes with Escape.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { composeHostAirlock } from '../../../electron/preview';
import { loadEnvironmentFile, silentLogger } from '../../../electron/services';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { launchHarness, type Harness } from '../../harness/harness';
import { createScriptedBrowser } from '../../support/sandbox/scripted-browser';
import { axeSerious, type AxeFinding } from '../../support/axe';

const THEMES = {
  light: { colorScheme: 'light', forcedColors: 'none' },
  dark: { colorScheme: 'dark', forcedColors: 'none' },
  'high-contrast': { colorScheme: 'dark', forcedColors: 'active' }, // Windows' High Contrast Black
} as const;
const FINDINGS = path.join(ROOT, 'test-results', 'e2e', 'axe-findings.json');
const found: Record<string, Record<string, AxeFinding[]>> = {};
let sandbox: RunningSandbox;
let stateDir: string;
let h: Harness;
const page = () => h.page;

/** axe on the page as it is now, in each theme; remembered for the findings file and returned by theme. */
async function axeInThemes(screen: string): Promise<Record<string, AxeFinding[]>> {
  const byTheme: Record<string, AxeFinding[]> = {};
  for (const [theme, media] of Object.entries(THEMES)) {
    await page().emulateMedia(media);
    await expect.poll(() => page().locator('[data-theme]').first().getAttribute('data-theme')).toBe(theme);
    byTheme[theme] = await axeSerious(page());
  }
  await page().emulateMedia(THEMES.light);
  found[screen] = byTheme;
  return byTheme;
}

const NONE = { light: [], dark: [], 'high-contrast': [] };

/**
 * What Tab focuses next: its accessible name (aria-label, aria-labelledby, its label, its text) and whether a focus
 * ring shows on it or a close ancestor (Fluent draws some on the control's root: outline, box shadow, or a
 * bordered ::after).
 */
async function tab(): Promise<{ name: string; ring: boolean }> {
  await page().keyboard.press('Tab');
  return page().evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '', ring: false };
    const labelled = el.getAttribute('aria-labelledby')?.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    const input = el as HTMLInputElement;
    const name = (el.getAttribute('aria-label') ?? labelled ?? input.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
    const shows = (node: Element) => {
      const s = getComputedStyle(node);
      if (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') return true;
      if (s.boxShadow !== 'none') return true;
      return ['::after', '::before'].some((p) => {
        const ps = getComputedStyle(node, p);
        return ps.content !== 'none' && ((ps.borderStyle !== 'none' && ps.borderTopWidth !== '0px') || (ps.outlineStyle !== 'none' && ps.outlineWidth !== '0px'));
      });
    };
    let ring = false;
    for (let node: Element | null = el, i = 0; node && i < 4 && !ring; node = node.parentElement, i++) ring = shows(node);
    return { name: `${el.tagName.toLowerCase()} ${name}`.trim(), ring };
  });
}

/** Tabs until an element named `name` is focused (at most `limit` presses); every stop on the way shows a ring. */
async function tabTo(name: string | RegExp, limit = 40): Promise<Array<{ name: string; ring: boolean }>> {
  const stops: Array<{ name: string; ring: boolean }> = [];
  for (let i = 0; i < limit; i++) {
    const stop = await tab();
    stops.push(stop);
    const bare = stop.name.replace(/^\S+ /, '');
    if (typeof name === 'string' ? bare === name : name.test(bare)) return stops;
  }
  throw new Error(`Tab never reached ${String(name)}; stops: ${stops.map((s) => s.name).join(' | ')}`);
}

beforeAll(async () => {
  await ensureRendererBuilt();
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-e2e-a11y-'));
  sandbox = await startSandbox({ stateDir });
  const { seed, ca, now } = sandbox.context;
  const bob = seed.users.find((u) => u.username === 'bob@contoso.test')!;
  const browser = createScriptedBrowser({ caPem: ca.certPem, user: bob, now });
  await mkdir(path.join(stateDir, 'user-data'));
  const airlock = composeHostAirlock({
    logger: silentLogger,
    extraEnvironments: [await loadEnvironmentFile(sandbox.environmentPath)],
    openBrowser: browser.openBrowser,
    userDataDir: path.join(stateDir, 'user-data'),
  });
  h = await launchHarness({ environmentFile: sandbox.environmentPath, airlock });
  await page().getByRole('navigation', { name: 'Main navigation' }).waitFor();
}, 60_000);

afterAll(async () => {
  await mkdir(path.dirname(FINDINGS), { recursive: true });
  await writeFile(FINDINGS, `${JSON.stringify(found, null, 2)}\n`);
  await h?.close();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('accessibility (harness, whole sandbox, axe-core)', () => {
  it('the signed-out start screen: no serious/critical violation; Tab reaches Sign in with a focus ring', async () => {
    await page().getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect.soft(await axeInThemes('start')).toEqual(NONE);
    await page().locator('body').focus();
    const stops = await tabTo('Sign in');
    expect(stops.filter((s) => !s.ring)).toEqual([]);
    await page().keyboard.press('Enter'); // signs in from the keyboard
    await expect.poll(() => page().locator('[data-status="account"]').textContent(), { timeout: 30_000 }).toBe('bob@contoso.test');
  });

  it('Workspaces with a workspace’s models', async () => {
    await page().getByRole('list', { name: 'Workspaces' }).waitFor({ timeout: 30_000 });
    await page().locator('[data-workspace]:not([data-workspace="ws-fraud-restricted"])').first().click();
    await page().getByRole('grid', { name: /^Models in / }).waitFor({ timeout: 30_000 });
    expect.soft(await axeInThemes('workspaces')).toEqual(NONE);
  });

  it('the step-up prompt: clean in three themes, keeps focus inside, closes with Escape (an error panel stays)', async () => {
    await page().locator('[data-workspace="ws-fraud-restricted"]').click();
    const dialog = page().getByRole('alertdialog', { name: 'Stronger sign-in needed' });
    await dialog.waitFor({ timeout: 30_000 });
    expect.soft(await axeInThemes('step-up dialog')).toEqual(NONE);
    for (let i = 0; i < 6; i++) {
      const stop = await tab();
      expect(stop.ring).toBe(true);
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page().keyboard.press('Escape');
    await expect.poll(() => page().getByRole('alertdialog').count(), { timeout: 10_000 }).toBe(0);
    // The app is no longer hidden from assistive technology once the dialog has gone.
    await expect.poll(() => page().locator('#root').getAttribute('aria-hidden')).toBeNull();
    const error = page().locator('[data-error-code]').first();
    await error.waitFor({ timeout: 30_000 });
    expect.soft(await axeInThemes('error panel')).toEqual(NONE);
  });

  it('Endpoints with a workspace’s endpoints', async () => {
    // Endpoints opens on the workspace last chosen under Workspaces: choose one that needs no stronger sign-in
    // (the step-up test above left ws-fraud-restricted chosen, which would ask again).
    await page().locator('[data-workspace]:not([data-workspace="ws-fraud-restricted"])').first().click();
    await page().getByRole('grid', { name: /^Models in / }).waitFor({ timeout: 30_000 });
    await page().getByRole('tab', { name: 'Endpoints' }).click();
    await page().locator('[data-endpoints-workspace]').waitFor({ timeout: 30_000 });
    // A workspace bob may read without a stronger sign-in (ws-fraud-restricted asks for one: the step-up test above).
    const options = await page().locator('[data-endpoints-workspace] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v && !v.includes('ws-fraud-restricted')));
    if (options.length > 0) await page().locator('[data-endpoints-workspace]').selectOption(options[0]!);
    // The list, or the error panel in its place. The full list, endpoint detail and invoke panel are axe-checked
    // with replaced handlers in endpoints-screen and invoke-panel e2e, and against the sandbox in preview-invoke.
    await page().locator('[data-endpoint-count], [data-error-code]').first().waitFor({ timeout: 30_000 });
    expect(await page().getByRole('alertdialog').count()).toBe(0);
    expect.soft(await axeInThemes('endpoints')).toEqual(NONE);
  });

  it('Connections', async () => {
    await page().getByRole('tab', { name: 'Connections' }).click();
    await page().getByRole('heading', { name: 'Connections' }).waitFor({ timeout: 30_000 });
    expect.soft(await axeInThemes('connections')).toEqual(NONE);
  });

  it('Audit: the list, a record’s detail, a verify result; Tab reaches Verify with a focus ring', async () => {
    await page().getByRole('tab', { name: 'Audit' }).click();
    const list = page().getByRole('listbox', { name: 'Audit records' });
    await list.waitFor({ timeout: 30_000 });
    await list.getByRole('option').first().click();
    await page().getByRole('button', { name: 'Verify' }).click();
    await page().locator('[data-verify-result]').waitFor({ timeout: 30_000 });
    expect.soft(await axeInThemes('audit')).toEqual(NONE);
    await page().getByRole('heading', { name: 'Audit trail' }).click();
    const stops = await tabTo('Verify');
    expect(stops.filter((s) => !s.ring)).toEqual([]);
  });

  it('Settings: general and Policy; the theme radios are reached with Tab', async () => {
    await page().getByRole('tab', { name: 'Settings' }).click();
    await page().locator('[data-policy]').waitFor({ timeout: 30_000 });
    await page().locator('[data-policy] [data-policy-settings]').waitFor({ timeout: 30_000 }).catch(() => undefined);
    expect.soft(await axeInThemes('settings')).toEqual(NONE);
    await page().getByRole('tab', { name: 'Settings' }).focus();
    const stops = await tabTo(/^(Use system setting|Light|Dark|High contrast)$/);
    expect(stops.filter((s) => !s.ring)).toEqual([]);
  });

  it('the themes chosen in Settings (not the OS): every screen, no serious/critical violation', async () => {
    await page().emulateMedia({ colorScheme: 'light', forcedColors: 'none' });
    for (const [label, theme] of [
      ['Light', 'light'],
      ['Dark', 'dark'],
      ['High contrast', 'high-contrast'],
    ] as const) {
      await page().getByRole('tab', { name: 'Settings' }).click();
      await page().getByRole('radio', { name: label }).check();
      await expect.poll(() => page().locator('[data-theme]').first().getAttribute('data-theme')).toBe(theme);
      const byScreen: Record<string, AxeFinding[]> = {};
      for (const screen of ['Workspaces', 'Endpoints', 'Connections', 'Audit', 'Settings']) {
        await page().getByRole('tab', { name: screen }).click();
        await expect.poll(() => page().getByRole('tab', { name: screen }).getAttribute('aria-selected')).toBe('true');
        byScreen[screen] = await axeSerious(page());
      }
      found[`chosen ${theme}`] = byScreen;
      expect.soft(byScreen).toEqual({ Workspaces: [], Endpoints: [], Connections: [], Audit: [], Settings: [] });
    }
  });
});
