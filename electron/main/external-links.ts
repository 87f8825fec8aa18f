// Opens links in the system browser only for https URLs on a short allow-list of Microsoft hosts.
// Never hands a renderer-supplied string straight to shell.openExternal. No URL shorteners (aka.ms): they
// would let a link go anywhere.

export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'learn.microsoft.com',
  'portal.azure.com',
  'ml.azure.com',
]);

export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && EXTERNAL_HOSTS.has(url.hostname);
}

export function createExternalOpener(shell: ShellLike): (raw: string) => Promise<boolean> {
  return async (raw) => {
    if (!isAllowedExternalUrl(raw)) return false;
    await shell.openExternal(new URL(raw).href);
    return true;
  };
}
