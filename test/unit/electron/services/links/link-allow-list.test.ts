// The allow-list of pages Airlock opens outside itself (both hosts use it): https Microsoft hosts and
// Entra's device-code pages as single pages.
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../../../electron/services/links';

describe('external link allow-list', () => {
  it.each([
    'https://learn.microsoft.com/azure/machine-learning/',
    'https://portal.azure.com/#home',
    'https://ml.azure.com/',
    'https://microsoft.com/devicelogin',
    'https://www.microsoft.com/devicelogin/',
    'https://microsoft.com/deviceloginus',
    'https://login.microsoft.com/device',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
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
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
