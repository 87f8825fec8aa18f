// Theme choice: follow the OS (dark mode, forced colors / high contrast) unless the user picks one.
// The preference is a display setting, not a secret, so it lives in the renderer's localStorage.
import { teamsHighContrastTheme, webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { useEffect, useState } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark' | 'high-contrast';
export type ResolvedTheme = Exclude<ThemePreference, 'system'>;

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark', 'high-contrast'];
const STORAGE_KEY = 'airlock.theme';

/**
 * Fluent's high-contrast theme, with placeholders in the disabled colour (Windows' GrayText) as high-contrast
 * themes draw them: Fluent's own makes them white, the same as typed text, so "e.g. credit-scoring" read as a value.
 */
const airlockHighContrastTheme: Theme = { ...teamsHighContrastTheme, colorNeutralForeground4: teamsHighContrastTheme.colorNeutralForegroundDisabled };

export const FLUENT_THEMES: Readonly<Record<ResolvedTheme, Theme>> = {
  light: webLightTheme,
  dark: webDarkTheme,
  'high-contrast': airlockHighContrastTheme,
};

function readPreference(): ThemePreference {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return THEME_PREFERENCES.includes(stored as ThemePreference) ? (stored as ThemePreference) : 'system';
}

function systemTheme(): ResolvedTheme {
  if (matchMedia('(forced-colors: active)').matches) return 'high-contrast';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Current preference, the theme it resolves to, and a setter; re-resolves when the OS setting changes. */
export function useTheme(): { preference: ThemePreference; resolved: ResolvedTheme; setPreference: (p: ThemePreference) => void } {
  const [preference, setPreferenceState] = useState<ThemePreference>(readPreference);
  const [system, setSystem] = useState<ResolvedTheme>(systemTheme);

  useEffect(() => {
    const queries = [matchMedia('(forced-colors: active)'), matchMedia('(prefers-color-scheme: dark)')];
    const update = () => setSystem(systemTheme());
    for (const q of queries) q.addEventListener('change', update);
    return () => queries.forEach((q) => q.removeEventListener('change', update));
  }, []);

  const setPreference = (next: ThemePreference) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setPreferenceState(next);
  };

  return { preference, resolved: preference === 'system' ? system : preference, setPreference };
}
