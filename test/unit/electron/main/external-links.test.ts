// The single door to shell.openExternal: allow-listed pages for new-window requests, and an https-only
// opener for pages the services already decided on (sign-in pages, app.openLink).
import { describe, expect, it } from 'vitest';
import { createExternalOpener, createHttpsOpener } from '../../../../electron/main/external-links';

describe('external opener (new-window requests)', () => {
  it('opens an allow-listed https URL, normalized', async () => {
    const opened: string[] = [];
    const open = createExternalOpener({ openExternal: async (u) => void opened.push(u) });
    expect(await open('https://www.microsoft.com/devicelogin/')).toBe(true);
    expect(opened).toEqual(['https://www.microsoft.com/devicelogin/']);
  });

  it.each(['https://evil.example/', 'http://learn.microsoft.com/', 'javascript:alert(1)', 'not a url'])('refuses %s without calling the shell', async (url) => {
    const opened: string[] = [];
    const open = createExternalOpener({ openExternal: async (u) => void opened.push(u) });
    expect(await open(url)).toBe(false);
    expect(opened).toEqual([]);
  });
});

describe('https opener (sign-in pages and app.openLink)', () => {
  it('opens https pages and refuses anything else', async () => {
    const opened: string[] = [];
    const open = createHttpsOpener({ openExternal: async (u) => void opened.push(u) });
    await open('https://login.microsoftonline.com/t/oauth2/v2.0/authorize?x=1');
    await expect(open('http://login.microsoftonline.com/')).rejects.toThrow('https only');
    await expect(open('javascript:alert(1)')).rejects.toThrow();
    expect(opened).toEqual(['https://login.microsoftonline.com/t/oauth2/v2.0/authorize?x=1']);
  });
});
