// Types for the JS table (secure-web-preferences-table.js), so the TypeScript gate and tests can import it.
export declare const SECURE_WEB_PREFERENCES: Readonly<Record<string, boolean>>;
export declare const NEVER_SET_WEB_PREFERENCES: readonly string[];
