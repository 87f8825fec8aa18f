// Guards every webContents Airlock ever creates: no navigation away from app://, no new windows
// (allowed https links go to the system browser instead), no <webview>.
import type { WebContents } from 'electron';
import { isAppUrl } from './app-url';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function installWebContentsGuards(contents: GuardedContents, openExternal: (url: string) => Promise<boolean>): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openExternal(url).catch(() => false);
    return { action: 'deny' };
  });
}
