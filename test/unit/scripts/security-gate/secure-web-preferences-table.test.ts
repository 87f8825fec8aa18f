// One table of secure webPreferences for the tooling (scripts/lint/secure-web-preferences-table.js): the lint
// rule and the security gate both judge by it, and the product's own secureWebPreferences() — which keeps its
// literals, so lint can check them at the line — agrees with it.
import { describe, expect, it, vi } from 'vitest';
import { NEVER_SET_WEB_PREFERENCES, SECURE_WEB_PREFERENCES } from '../../../../scripts/lint/secure-web-preferences-table.js';
import { FORBIDDEN_WEB_PREFERENCES, REQUIRED_WEB_PREFERENCES } from '../../../../scripts/security-gate/window-check';

vi.mock('electron', async () => (await import('../../../support/fake-electron')).fake.module);
const { secureWebPreferences } = await import('../../../../electron/main/secure-window');

describe('the secure webPreferences table', () => {
  it('is what the gate requires, plus DevTools off in a packaged app', () => {
    expect(REQUIRED_WEB_PREFERENCES).toEqual({ ...SECURE_WEB_PREFERENCES, devTools: false });
    expect(FORBIDDEN_WEB_PREFERENCES).toEqual(NEVER_SET_WEB_PREFERENCES);
  });

  it('agrees with the window the product makes, with DevTools on or off', () => {
    for (const allowDevTools of [false, true]) {
      const preferences: Record<string, unknown> = { ...secureWebPreferences({ preloadPath: '/app/preload.cjs', allowDevTools }) };
      for (const [key, value] of Object.entries(SECURE_WEB_PREFERENCES)) expect(preferences[key], key).toBe(value);
      for (const key of NEVER_SET_WEB_PREFERENCES) expect(preferences, key).not.toHaveProperty(key);
    }
  });
});
