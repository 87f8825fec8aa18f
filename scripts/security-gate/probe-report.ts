// What the window probe saw while the built main bundle started (window-probe.ts writes it as JSON;
// window-check.ts and app-trust-check.ts judge it). Facts only, no verdicts: what was constructed, appended,
// registered and called, as the bundle did it.

export interface ProbedWindow {
  readonly kind: string;
  /** webPreferences as passed (JSON-safe: non-primitive values become a type marker). */
  readonly webPreferences: Record<string, unknown> | null;
}

/** app.commandLine.appendSwitch(name, value) or appendArgument(name), exactly as called. */
export interface ProbedSwitch {
  readonly via: 'appendSwitch' | 'appendArgument';
  readonly name: string;
  readonly value: string;
}

/** A listener registered with on/once/addListener/prepend*Listener. */
export interface ProbedListener {
  readonly on: 'app' | 'webContents' | 'session';
  /** Which one: 'app', 'BrowserWindow #1 webContents', 'session.defaultSession', ... */
  readonly where: string;
  readonly event: string;
}

/** A call that changes whom the app trusts on the network (setCertificateVerifyProc, setProxy, importCertificate, ...). */
export interface ProbedTrustCall {
  readonly on: 'app' | 'session';
  readonly where: string;
  readonly call: string;
}

export interface ProbeReport {
  readonly windows: ProbedWindow[];
  readonly loadedUrls: string[];
  /** app.enableSandbox() was called before 'ready' (what Electron requires for it to take effect). */
  readonly enableSandboxBeforeReady: boolean;
  /** Start failures: error boxes, app.exit, uncaught errors, a listener the probe emitted to that threw. */
  readonly failures: string[];
  readonly commandLine: ProbedSwitch[];
  readonly listeners: ProbedListener[];
  readonly trustCalls: ProbedTrustCall[];
  /** Names of the environment variables the bundle set, changed or removed while starting (no values). */
  readonly envChanged: string[];
  /** Node's own TLS defaults after start (main's services use Node's https, not Chromium's). */
  readonly nodeTls: { readonly globalAgentRejectUnauthorized: boolean | null; readonly defaultMinVersion: string };
}
