// Decides whether a caller may use the contract at all: only our own top-level page.
// Compare protocol and host, never URL.origin: Node reports "null" as the origin of custom schemes like app://.

/** What a transport knows about who is calling. `url` is null when Electron's senderFrame is gone. */
export interface CallerFrame {
  readonly url: string | null;
  readonly isMainFrame: boolean;
}

/** Where our UI is served from: `app://bundle` in Electron, a reserved https name in the test harness. */
export interface TrustedOrigin {
  readonly protocol: string;
  readonly host: string;
}

export const APP_ORIGIN: TrustedOrigin = { protocol: 'app:', host: 'bundle' };

export function isTrustedUrl(raw: string, origin: TrustedOrigin): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === origin.protocol && url.host === origin.host && url.username === '' && url.password === '';
}

export function isTrustedSender(caller: CallerFrame, origin: TrustedOrigin): boolean {
  return caller.isMainFrame && caller.url !== null && isTrustedUrl(caller.url, origin);
}
