import { describe, expect, it } from 'vitest';
import { createExternalOpener, isAllowedExternalUrl } from '../../../../electron/main/external-links';

describe('external links', () => {
  it.each([
    'https://learn.microsoft.com/azure/machine-learning/',
    'https://portal.azure.com/#home',
    'https://ml.azure.com/',
    'https://microsoft.com/devicelogin',
    'https://www.microsoft.com/devicelogin/',
    'https://microsoft.com/deviceloginus',
    'https://login.microsoft.com/device',
  ])('opens allow-listed https URL %s', async (url) => {
    const opened: string[] = [];
    const open = createExternalOpener({ openExternal: async (u) => void opened.push(u) });
    expect(await open(url)).toBe(true);
    expect(opened).toEqual([new URL(url).href]);
  });

  it.each([
    'http://learn.microsoft.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://evil.example/',
    'https://learn.microsoft.com.evil.example/',
    'https://user:pw@portal.azure.com/',
    'https://portal.azure.com:8443/',
    'smb://portal.azure.com/share',
    'not a url',
    '',
    'https://microsoft.com/',
    'https://microsoft.com/deviceloginx',
    'https://microsoft.com/devicelogin/../evil',
    'https://microsoft.com/devicelogin?next=https://evil.example',
    'https://microsoft.com/devicelogin#x',
    'http://microsoft.com/devicelogin',
    'https://login.microsoft.com/common/oauth2/authorize',
  ])('refuses %s', async (url) => {
    const opened: string[] = [];
    const open = createExternalOpener({ openExternal: async (u) => void opened.push(u) });
    expect(isAllowedExternalUrl(url)).toBe(false);
    expect(await open(url)).toBe(false);
    expect(opened).toEqual([]);
  });
});

describe('sign-in opener', () => {
  it('opens https sign-in pages and refuses anything else', async () => {
    const { createSignInOpener } = await import('../../../../electron/main/external-links');
    const opened: string[] = [];
    const open = createSignInOpener({ openExternal: async (u) => void opened.push(u) });
    await open('https://login.microsoftonline.com/t/oauth2/v2.0/authorize?x=1');
    await expect(open('http://login.microsoftonline.com/')).rejects.toThrow('https only');
    await expect(open('javascript:alert(1)')).rejects.toThrow();
    expect(opened).toEqual(['https://login.microsoftonline.com/t/oauth2/v2.0/authorize?x=1']);
  });
});
