import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isTrustedSender, isTrustedUrl } from '../../../../../electron/services/gateway';

describe('sender trust', () => {
  it('trusts only the main frame on app://bundle', () => {
    expect(isTrustedSender({ url: 'app://bundle/index.html', isMainFrame: true }, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: 'app://bundle/index.html', isMainFrame: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: null, isMainFrame: true }, APP_ORIGIN)).toBe(false);
  });

  it.each(['app://bundle.evil/x', 'app://evil/bundle', 'https://bundle/', 'app://user@bundle/', 'app://bundle:80/', 'file:///bundle', 'bundle', '', 'app:/bundle'])(
    'does not trust %s',
    (url) => expect(isTrustedUrl(url, APP_ORIGIN)).toBe(false),
  );

  it('compares protocol and host, not URL.origin (which is "null" for custom schemes in Node)', () => {
    expect(new URL('app://bundle/').origin).toBe('null');
    expect(isTrustedUrl('app://bundle/index.html?x=1#y', APP_ORIGIN)).toBe(true);
  });
});
