// Airlock's local ESLint plugin (`airlock/*`), loaded by eslint.config.js. Rules live one per file beside it.
import { layerBoundaries } from './layer-boundaries.js';
import { secureWebPreferences } from './secure-web-preferences.js';

export const airlockLintPlugin = {
  meta: { name: 'airlock-local' },
  rules: { 'layer-boundaries': layerBoundaries, 'secure-web-preferences': secureWebPreferences },
};
