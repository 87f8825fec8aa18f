// The app shell in real Chromium with window.airlock bound to the real services: navigation rail,
// status bar, keyboard use, themes (chosen and OS-driven), CSP enforcement and the bridge's fidelity.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposedSurface } from '../../../shared/contract/api-builder';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';
import { sandboxLikeEnvironment, writeEnvironmentFixture } from '../../support/environments/environment-fixture';
import { ROOT } from '../../../scripts/build';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
let h: Harness;

async function screenshot(harness: Harness, name: string): Promise<string> {
  const file = path.join(SHOTS, `${name}.png`);
  await harness.page.screenshot({ path: file });
  return file;
}

async function backgroundLuminance(harness: Harness): Promise<number> {
  return harness.page.locator('[data-theme]').evaluate((el) => {
    const [r, g, b] = getComputedStyle(el.firstElementChild!).backgroundColor.match(/\d+/g)!.map(Number);
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
  });
}

beforeAll(async () => {
  await ensureRendererBuilt();
  await mkdir(SHOTS, { recursive: true });
  h = await launchHarness();
  await h.page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
});

afterAll(async () => {
  await h?.close();
});

describe('app shell in Chromium (harness)', () => {
  it('shows the navigation rail with the four sections and starts on Workspaces, asking to sign in', async () => {
    const tabs = h.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('tab');
    expect(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-section')))).toEqual(['workspaces', 'endpoints', 'connections', 'audit', 'settings']);
    for (const name of ['Workspaces', 'Endpoints', 'Audit', 'Settings']) expect(await h.page.getByRole('tab', { name, exact: true }).count()).toBe(1);
    expect(await h.page.getByRole('tab', { name: 'Workspaces' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => h.page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
  });

  it('shows environment, account and live health in the status bar, and no state of a feature this version lacks', async () => {
    const bar = h.page.getByRole('contentinfo', { name: 'Status bar' });
    await expect.poll(() => bar.locator('[data-status="health"]').textContent()).toBe('Healthy');
    expect(await bar.locator('[data-status="environment"]').textContent()).toMatch(/^Environment: /);
    expect(await bar.locator('[data-status="account"]').textContent()).toBe('Account: Not signed in');
    // Private routes do not exist in this version: the bar claims no route state ("No private route").
    expect(await bar.locator('[data-status="connection"]').count()).toBe(0);
    expect(await bar.textContent()).not.toMatch(/route/i);
    expect(await bar.locator('[data-status="version"]').textContent()).toBe('v0.1.0');
  });

  it('agrees with the sign-in form on the environment: the one chosen there is the one the status bar shows', async () => {
    // No sandbox here, so no default environment: the form starts on the first cloud, and so does the bar.
    const form = h.page.getByRole('combobox', { name: 'Environment' });
    await form.waitFor();
    const environment = h.page.locator('[data-status="environment"]');
    const shown = async () => `Environment: ${await form.locator('option:checked').textContent()}`;
    await expect.poll(async () => [await environment.textContent(), await shown()]).toEqual(['Environment: Azure (public)', 'Environment: Azure (public)']);
    await form.selectOption('AzureUSGovernment');
    await expect.poll(() => environment.textContent()).toBe(await shown());
    expect(await environment.textContent()).not.toBe('Environment: Azure (public)');
    // Still so after visiting another section and coming back.
    await h.page.getByRole('tab', { name: 'Settings' }).click();
    await h.page.getByRole('tab', { name: 'Workspaces' }).click();
    expect(await form.inputValue()).toBe('AzureUSGovernment');
    expect(await environment.textContent()).toBe(await shown());
    await form.selectOption('AzureCloud');
  });

  it('Endpoints asks for a sign-in first: no endpoint list, no "No online endpoints" claim, no roadmap words', async () => {
    await h.page.getByRole('tab', { name: 'Endpoints' }).click();
    const view = h.page.locator('main');
    await view.getByRole('heading', { name: 'Sign in to see endpoints' }).waitFor();
    const text = (await view.textContent()) ?? '';
    expect(text).not.toMatch(/No online endpoints|not available in this version|come next|coming soon/i);
    expect(await view.getByRole('grid').count()).toBe(0);
    await screenshot(h, 'endpoints-signed-out');
    // One click from the sign-in: the button takes the user to Workspaces, where it is.
    await view.getByRole('button', { name: 'Go to sign-in' }).click();
    expect(await h.page.getByRole('tab', { name: 'Workspaces' }).getAttribute('aria-selected')).toBe('true');
    await h.page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  });

  it('Connections asks for a sign-in first, in words, with the way there (not an E_AUTH_REQUIRED box)', async () => {
    await h.page.getByRole('tab', { name: 'Connections' }).click();
    const view = h.page.locator('main');
    await view.getByRole('heading', { name: 'Sign in to use private routes' }).waitFor();
    expect((await view.textContent()) ?? '').not.toContain('E_AUTH_REQUIRED');
    await view.getByRole('button', { name: 'Go to sign-in' }).click();
    expect(await h.page.getByRole('tab', { name: 'Workspaces' }).getAttribute('aria-selected')).toBe('true');
  });

  it('Audit shows the trail this session already wrote (the shell\'s own app.* calls), not a placeholder', async () => {
    await h.page.getByRole('tab', { name: 'Audit' }).click();
    const view = h.page.locator('main');
    await view.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await view.getByRole('listbox', { name: 'Audit records' }).waitFor({ timeout: 30_000 });
    expect(await view.locator('[data-audit-action="app.info"]').count()).toBeGreaterThan(0);
    expect(await view.textContent()).not.toMatch(/not available in this version|does not record/);
  });

  it('moves between sections with the keyboard', async () => {
    await h.page.getByRole('tab', { name: 'Workspaces' }).focus();
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.locator('main').getAttribute('data-section-view')).toBe('endpoints');
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('Space');
    await expect.poll(() => h.page.locator('main').getAttribute('data-section-view')).toBe('connections');
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('Space');
    await expect.poll(() => h.page.locator('main').getAttribute('data-section-view')).toBe('audit');
  });

  it('switches theme from Settings: dark, high contrast, then back to the system (light) theme', async () => {
    await h.page.getByRole('tab', { name: 'Settings' }).click();
    await h.page.locator('[data-fact="environments"]').waitFor();
    expect(await h.page.locator('[data-fact="environments"]').textContent()).toContain('Azure (public)');
    expect(await h.page.locator('[data-theme]').getAttribute('data-theme')).toBe('light');
    const light = await backgroundLuminance(h);
    await screenshot(h, 'settings-light');

    await h.page.getByRole('radio', { name: 'Dark' }).check();
    await expect.poll(() => h.page.locator('[data-theme]').getAttribute('data-theme')).toBe('dark');
    expect(await backgroundLuminance(h)).toBeLessThan(light);
    await screenshot(h, 'settings-dark');

    await h.page.getByRole('radio', { name: 'High contrast' }).check();
    await expect.poll(() => h.page.locator('[data-theme]').getAttribute('data-theme')).toBe('high-contrast');
    await screenshot(h, 'settings-high-contrast');

    await h.page.getByRole('radio', { name: 'Use system setting' }).check();
    await expect.poll(() => h.page.locator('[data-theme]').getAttribute('data-theme')).toBe('light');
  });

  it('remembers the chosen theme across a reload', async () => {
    await h.page.getByRole('radio', { name: 'Dark' }).check();
    await h.page.reload();
    await expect.poll(() => h.page.locator('[data-theme]').getAttribute('data-theme')).toBe('dark');
    await h.page.getByRole('tab', { name: 'Settings' }).click();
    await h.page.getByRole('radio', { name: 'Use system setting' }).check();
  });

  it('exposes exactly the contract surface, frozen, with no binding global, require or process', async () => {
    const seen = await h.page.evaluate(() => {
      const api = (window as unknown as { airlock: Record<string, Record<string, unknown>> }).airlock;
      return {
        surface: Object.fromEntries(Object.entries(api).map(([s, m]) => [s, Object.keys(m).sort()])),
        frozen: Object.isFrozen(api) && Object.values(api).every((m) => Object.isFrozen(m)),
        binding: typeof (window as unknown as Record<string, unknown>)['__airlockIpc'],
        require: typeof (window as unknown as Record<string, unknown>)['require'],
        process: typeof (window as unknown as Record<string, unknown>)['process'],
      };
    });
    expect(seen).toEqual({ surface: exposedSurface(), frozen: true, binding: 'undefined', require: 'undefined', process: 'undefined' });
  });

  it("pushes main's events to the page's listeners as plain data, each its own copy, never a payload its schema refuses", async () => {
    await h.page.evaluate(() => {
      const w = window as unknown as { airlock: { vault: { onLocked(l: (p: unknown) => void): () => void } }; __seen: unknown[][]; __stop: () => void };
      w.__seen = [[], []];
      const first = w.airlock.vault.onLocked((...args) => {
        w.__seen[0]!.push(JSON.parse(JSON.stringify(args)) as unknown[]);
        (args[0] as { environmentId: string }).environmentId = 'changed by a listener';
      });
      const second = w.airlock.vault.onLocked((...args) => void w.__seen[1]!.push(args));
      w.__stop = () => (first(), second());
    });
    h.airlock.services.events.emit('vault.locked', { environmentId: 'Sandbox', refreshToken: 'PLANTED-EVENT-TOKEN' } as never); // refused in main
    h.airlock.services.events.emit('vault.locked', { environmentId: 'Sandbox' });
    await expect.poll(() => h.page.evaluate(() => (window as unknown as { __seen: unknown[][] }).__seen)).toEqual([[[{ environmentId: 'Sandbox' }]], [[{ environmentId: 'Sandbox' }]]]);
    await h.page.evaluate(() => (window as unknown as { __stop: () => void }).__stop());
    h.airlock.services.events.emit('vault.locked', { environmentId: 'Other' });
    await h.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(await h.page.evaluate(() => (window as unknown as { __seen: unknown[][] }).__seen.flat().length)).toBe(2);
    expect(JSON.stringify(h.eventLog)).not.toContain('PLANTED-EVENT-TOKEN');
  });

  it('clones arguments like Electron: a function argument makes the call throw in the page', async () => {
    const outcome = await h.page.evaluate(async () => {
      try {
        await (window as unknown as { airlock: { app: { health(x: unknown): Promise<unknown> } } }).airlock.app.health(() => 1);
        return 'sent';
      } catch {
        return 'threw';
      }
    });
    expect(outcome).toBe('threw');
  });

  it('answers values JSON cannot carry (Map, Set, Date) as main would, not flattened to {}', async () => {
    const results = await h.page.evaluate(async () => {
      const app = (window as unknown as { airlock: { app: { info(x: unknown): Promise<{ ok: boolean; error?: { code: string } }> } } }).airlock.app;
      return Promise.all([new Map([['a', 1]]), new Set([1]), new Date(0), { nested: new Uint8Array(2) }].map((v) => app.info(v)));
    });
    for (const result of results) expect(result).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
  });

  it('keeps working when a page script replaces structuredClone afterwards', async () => {
    const outcome = await h.page.evaluate(async () => {
      const original = window.structuredClone;
      window.structuredClone = ((v: unknown) => v) as typeof structuredClone;
      try {
        await (window as unknown as { airlock: { app: { health(x: unknown): Promise<unknown> } } }).airlock.app.health(() => 1);
        return 'sent';
      } catch {
        return 'threw';
      } finally {
        window.structuredClone = original;
      }
    });
    expect(outcome).toBe('threw');
  });

  it('returns typed errors for bad requests without throwing in the page', async () => {
    const result = await h.page.evaluate(() =>
      (window as unknown as { airlock: { app: { info(x: unknown): Promise<unknown> } } }).airlock.app.info({ __proto__: { admin: true } }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', retryable: false } });
  });

  it('enforces the CSP header: no violations from the app, but inline scripts, string code, inline styles and frames are blocked', async () => {
    expect(h.cspViolations).toEqual([]);
    expect(await h.page.locator('meta[name="airlock-style-nonce"]').count()).toBe(0); // read once, then removed
    const probes = await h.page.evaluate(async () => {
      const scope = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      // A string handed to setTimeout is compiled like eval; CSP without 'unsafe-eval' must refuse it.
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__stringCodeRan = true', 0);
      const style = document.createElement('style');
      style.textContent = 'body { color: rgb(1, 2, 3) !important; }';
      document.head.append(style);
      const frame = document.createElement('iframe');
      frame.src = 'https://app.airlock.test/index.html';
      const frameSettled = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      document.body.append(frame);
      // Timers with equal delay run in order: once this one fires, the string timer would have run too.
      await new Promise((r) => setTimeout(r, 0));
      await frameSettled;
      const color = getComputedStyle(document.body).color;
      const frameLoaded = frame.contentDocument?.querySelector('#root') != null;
      script.remove();
      style.remove();
      frame.remove();
      return { inline: scope['__inlineRan'] === true, stringCode: scope['__stringCodeRan'] === true, styled: color === 'rgb(1, 2, 3)', frameLoaded };
    });
    expect(probes).toEqual({ inline: false, stringCode: false, styled: false, frameLoaded: false });
    await expect.poll(() => h.cspViolations.length).toBeGreaterThanOrEqual(4);
    const report = h.cspViolations.join('\n');
    expect(report).toMatch(/inline script/);
    expect(report).toMatch(/Evaluating a string as JavaScript/);
    expect(report).toMatch(/inline style/);
    expect(report).toMatch(/frame-src/);
  });

  it('saves a screenshot of the shell', async () => {
    await h.page.getByRole('tab', { name: 'Workspaces' }).click();
    const file = await screenshot(h, 'shell-workspaces');
    expect(file).toContain(path.join('test-results', 'e2e'));
  });
});

describe('OS-driven themes and failing services (harness)', () => {
  it('follows the OS dark mode and forced colors when set to "system"', async () => {
    const dark = await launchHarness({ colorScheme: 'dark' });
    try {
      await expect.poll(() => dark.page.locator('[data-theme]').getAttribute('data-theme')).toBe('dark');
    } finally {
      await dark.close();
    }
    const contrast = await launchHarness({ forcedColors: 'active' });
    try {
      await expect.poll(() => contrast.page.locator('[data-theme]').getAttribute('data-theme')).toBe('high-contrast');
      await screenshot(contrast, 'shell-forced-colors');
    } finally {
      await contrast.close();
    }
  });

  it('shows the sandbox as the current environment when one is offered', async () => {
    const withSandbox = await launchHarness({ environmentFile: await writeEnvironmentFixture(sandboxLikeEnvironment()) });
    try {
      await expect.poll(() => withSandbox.page.locator('[data-status="environment"]').textContent()).toBe('Environment: Local sandbox — Contoso Research');
    } finally {
      await withSandbox.close();
    }
  });

  it('shows typed errors in plain words when a service fails', async () => {
    const failing = harnessAirlock(undefined, [], {}, {
      app: {
        info: async () => Promise.reject(new Error('socket hang up SECRET-PLANTED')),
        health: async () => Promise.reject(new AirlockError('E_UNAVAILABLE')),
      },
    });
    const broken = await launchHarness({ airlock: failing });
    try {
      await expect.poll(() => broken.page.locator('[data-status="health"]').textContent()).toBe('Services unavailable');
      await broken.page.getByRole('tab', { name: 'Settings' }).click();
      const alert = broken.page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.getAttribute('data-error-code')).toBe('E_INTERNAL');
      expect(await alert.textContent()).toContain('Something went wrong inside Airlock, so the action was stopped.');
      expect(await alert.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
      expect(await broken.page.content()).not.toContain('SECRET-PLANTED');
      await screenshot(broken, 'settings-service-error');
    } finally {
      await broken.close();
    }
  });
});
