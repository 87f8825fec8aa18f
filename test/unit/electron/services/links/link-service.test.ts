// The link service behind `app.openLink`: the renderer asks, main decides (https, the allow-list, or the
// device-code page being shown right now) and only then hands the URL to the host's opener.
import { describe, expect, it } from 'vitest';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { createLinkService } from '../../../../../electron/services/links';
import { capturingLogger } from '../../../../support/test-airlock';

const SANDBOX_DEVICE_PAGE = 'https://localhost:38103/7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162/device';

function rig(currentDevicePage: string | null = null, withOpener = true) {
  const opened: string[] = [];
  const logger = capturingLogger();
  const links = createLinkService({
    ...(withOpener ? { open: async (url: string) => void opened.push(url) } : {}),
    deviceCodePage: async () => currentDevicePage,
    logger,
  });
  return { links, opened, logger };
}

async function refusal(promise: Promise<unknown>): Promise<AirlockError> {
  const thrown = await promise.then(() => null, (e: unknown) => e);
  expect(thrown).toBeInstanceOf(AirlockError);
  return thrown as AirlockError;
}

describe('link service (app.openLink)', () => {
  it('opens an allow-listed https page through the host opener', async () => {
    const { links, opened } = rig();
    await links.open('https://learn.microsoft.com/azure/machine-learning/');
    await links.open('https://microsoft.com/devicelogin');
    expect(opened).toEqual(['https://learn.microsoft.com/azure/machine-learning/', 'https://microsoft.com/devicelogin']);
  });

  it.each(['https://evil.example/', 'http://learn.microsoft.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url'])(
    'refuses %s with E_BAD_REQUEST and opens nothing',
    async (url) => {
      const { links, opened, logger } = rig(SANDBOX_DEVICE_PAGE);
      const error = await refusal(links.open(url));
      expect(error.code).toBe('E_BAD_REQUEST');
      expect(error.message).toMatch(/refused to open/);
      expect(opened).toEqual([]);
      // The refused address is not logged (it came from the page): only that a link was refused.
      expect(JSON.stringify(logger.entries)).not.toContain(url);
      expect(logger.entries.map((e) => e.event)).toContain('links.refused');
    },
  );

  it('opens the device-code page the sign-in is showing right now, even on the sandbox host', async () => {
    const { links, opened } = rig(SANDBOX_DEVICE_PAGE);
    await links.open(SANDBOX_DEVICE_PAGE);
    expect(opened).toEqual([SANDBOX_DEVICE_PAGE]);
  });

  it('refuses that page once no device code is shown, and any other page on its host', async () => {
    expect((await refusal(rig(null).links.open(SANDBOX_DEVICE_PAGE))).code).toBe('E_BAD_REQUEST');
    const { links, opened } = rig(SANDBOX_DEVICE_PAGE);
    for (const other of [
      'https://localhost:38103/7f3c1a2e-5b4d-4c6e-9a8b-1d2e3f405162/oauth2/v2.0/authorize',
      `${SANDBOX_DEVICE_PAGE}?next=https://evil.example`,
      SANDBOX_DEVICE_PAGE.replace('https:', 'http:'),
      SANDBOX_DEVICE_PAGE.replace('https://', 'https://user:pw@'),
    ]) {
      expect((await refusal(links.open(other))).code).toBe('E_BAD_REQUEST');
    }
    expect(opened).toEqual([]);
  });

  it('refuses a device-code page that is not https even while it is shown', async () => {
    const plain = 'http://localhost:38103/device';
    const { links, opened } = rig(plain);
    expect((await refusal(links.open(plain))).code).toBe('E_BAD_REQUEST');
    expect(opened).toEqual([]);
  });

  it('says links cannot be opened here when the host has no opener (the CLI)', async () => {
    const { links } = rig(null, false);
    const error = await refusal(links.open('https://learn.microsoft.com/'));
    expect(error.code).toBe('E_UNAVAILABLE');
  });
});
