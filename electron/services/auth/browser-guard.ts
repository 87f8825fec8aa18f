// The system browser is only ever opened on the environment's own sign-in host over https. A URL built
// from anything else (a tampered authority, a redirect to another host) is refused before it reaches the OS.
import { AirlockError } from '../../../shared/errors/airlock-error';

export type BrowserOpener = (url: string) => Promise<void>;

export function guardBrowserOpener(open: BrowserOpener, authority: string): BrowserOpener {
  const allowed = new URL(authority);
  return async (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new AirlockError('E_BAD_REQUEST', { message: 'Airlock refused to open a sign-in page with an invalid address.' });
    }
    if (url.protocol !== 'https:' || url.host !== allowed.host || url.username || url.password) {
      throw new AirlockError('E_BAD_REQUEST', {
        message: 'Airlock refused to open a sign-in page that is not on your organization’s sign-in site.',
        hint: 'Ask your administrator to check this environment’s sign-in settings.',
        details: { expectedHost: allowed.host.slice(0, 128) },
      });
    }
    await open(url.href);
  };
}
