// The one table of secure webPreferences for Airlock's tooling: the lint rule `airlock/secure-web-preferences`
// refuses any other value at the line, and the security gate (scripts/security-gate/window-check.ts) requires
// exactly these in every window the built app makes. The product (electron/main/secure-window.ts) keeps its own
// literals, so lint can check them where they are written; a unit test keeps it in agreement with this table.
// Changing a value here weakens both checks at once: it never changes to make a window pass.

/** key → the only value it may be given. */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
});

/** Keys never set at all: they switch on what the table switches off. */
export const NEVER_SET_WEB_PREFERENCES = Object.freeze(['enableBlinkFeatures']);
