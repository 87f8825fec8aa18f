// Types for fuses.mjs (plain JS so electron-builder's hook loads it without a TypeScript loader).
export declare const RELEASE_FUSES: Readonly<Record<string, boolean>>;
