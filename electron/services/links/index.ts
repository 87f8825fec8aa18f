// The link service behind `app.openLink`: the renderer asks for a link, main decides and the host opens it
// (shell.openExternal in Electron, a guarded window in the Chromium host). Opens only https pages on the
// allow-list, or exactly the device-code page the sign-in is showing right now (the IdP named it; on the
// sandbox it is a loopback host). Never opens a URL the decision did not pass, never logs a refused URL.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Logger } from '../ports';
import { isAllowedExternalUrl, parseHttpsUrl } from './link-allow-list';

export { EXTERNAL_HOSTS, EXTERNAL_PAGES, isAllowedExternalUrl } from './link-allow-list';

/** Opens an https page outside Airlock's window; the host's port. */
export type LinkOpener = (url: string) => Promise<void>;

export interface LinkServiceDeps {
  /** Absent where there is nothing to open a page in (the CLI). */
  readonly open?: LinkOpener;
  /** The device-code verification page shown by the sign-in in progress, if any. */
  readonly deviceCodePage: () => Promise<string | null>;
  readonly logger: Logger;
}

export interface LinkService {
  open(raw: string): Promise<void>;
}

export function createLinkService(deps: LinkServiceDeps): LinkService {
  async function isCurrentDeviceCodePage(raw: string): Promise<boolean> {
    const shown = await deps.deviceCodePage();
    const url = parseHttpsUrl(raw);
    return shown !== null && url !== null && parseHttpsUrl(shown)?.href === url.href;
  }

  return {
    async open(raw) {
      if (!isAllowedExternalUrl(raw) && !(await isCurrentDeviceCodePage(raw))) {
        deps.logger.log('warn', 'links.refused', {});
        throw new AirlockError('E_BAD_REQUEST', {
          message: 'Airlock refused to open that link: it opens only Microsoft help pages and the sign-in page it shows you.',
          hint: 'Copy the address into your browser yourself if you trust it.',
        });
      }
      if (!deps.open) {
        throw new AirlockError('E_UNAVAILABLE', { message: 'Airlock cannot open web pages here.', hint: 'Open the address in your browser yourself.', retryable: false });
      }
      await deps.open(new URL(raw).href);
      deps.logger.log('info', 'links.opened', {});
    },
  };
}
