// Registers app:// as a privileged, standard, secure scheme and serves the renderer bundle from it.
// Must be registered before 'ready'; no bypassCSP, no file:// anywhere.
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-url';
import { readBundleFile } from '../services';

export const APP_SCHEME_PRIVILEGES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
] as const;

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response(null, { status: 404 });
    const file = await readBundleFile(rendererDir, url.pathname);
    return new Response(file.body ? new Uint8Array(file.body) : null, { status: file.status, headers: file.headers });
  });
}
