// Which workspace the Endpoints screen shows, remembered across restarts and set from Workspaces too, so a user
// who picked a workspace there arrives at its endpoints. A workspace's ARM id is display data (not a secret),
// so it may live in the renderer's localStorage; one per account, so switching account never shows another's.
const STORAGE_KEY = 'airlock.endpoints.workspace';

function readAll(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    // A damaged entry means nothing is remembered.
    return {};
  }
}

export function rememberedWorkspace(accountId: string): string | null {
  const id = readAll()[accountId];
  return typeof id === 'string' ? id : null;
}

export function rememberWorkspace(accountId: string, workspaceId: string): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ ...readAll(), [accountId]: workspaceId }));
  } catch {
    // Storage full or refused: the choice is simply not remembered.
  }
}
