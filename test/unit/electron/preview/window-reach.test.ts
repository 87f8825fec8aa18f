// What a stand-in browser window may reach: a sign-in window its sign-in host and Airlock's loopback listener
// (plain http on a loopback host with a port) — nothing a tampered redirect_uri names; a link window its own origin.
// And what the network gate lets out for each request hop, redirects included.
import { describe, expect, it } from 'vitest';
import { hopAllowed, httpsPage, linkWindowReach, originOf, signInWindowReach } from '../../../../electron/preview/window-reach';

const AUTHORIZE = 'https://localhost:38103/7f3c1a2e/oauth2/v2.0/authorize?client_id=x&response_mode=form_post';
const withRedirect = (redirect: string) => new URL(`${AUTHORIZE}&redirect_uri=${encodeURIComponent(redirect)}`);

describe('stand-in window reach', () => {
  it('lets a sign-in window reach its sign-in host and the loopback redirect', () => {
    expect([...signInWindowReach(withRedirect('http://localhost:41234'))]).toEqual(['https://localhost:38103', 'http://localhost:41234']);
    expect([...signInWindowReach(withRedirect('http://127.0.0.1:5000/'))]).toEqual(['https://localhost:38103', 'http://127.0.0.1:5000']);
  });

  it.each(['http://evil.example:41234', 'https://localhost:41234', 'http://localhost', 'http://localhost.evil.example:80', 'javascript:alert(1)', 'not a url'])(
    'adds nothing for redirect_uri %s',
    (redirect) => {
      expect([...signInWindowReach(withRedirect(redirect))]).toEqual(['https://localhost:38103']);
    },
  );

  it('lets a link window reach only its own origin', () => {
    expect([...linkWindowReach(new URL('https://localhost:38103/t/oauth2/deviceauth'))]).toEqual(['https://localhost:38103']);
  });

  it.each(['http://localhost:38103/', 'https://user:pw@localhost:38103/', 'javascript:alert(1)', 'file:///etc/passwd', 'nonsense'])('opens no window for %s', (raw) => {
    expect(() => httpsPage(raw)).toThrow(expect.objectContaining({ code: 'E_BAD_REQUEST' }));
  });

  it('judges requests by http(s) origin only', () => {
    expect(originOf('https://localhost:38103/a?b')).toBe('https://localhost:38103');
    for (const raw of ['data:text/html,x', 'blob:https://x/1', 'about:blank', 'bad']) expect(originOf(raw)).toBeNull();
  });
});

describe('network gate: one request hop', () => {
  const signIn = new Set(['https://localhost:38103', 'http://localhost:41234']);
  const link = new Set(['https://learn.example']);
  const hop = (url: string, redirected: boolean, window: ReadonlySet<string> | undefined) => hopAllowed({ url, redirected, window, anyWindow: [signIn, link] });

  it("lets a window's top frame reach its own origins, redirects included", () => {
    expect(hop('https://localhost:38103/authorize', false, signIn)).toBe(true);
    expect(hop('http://localhost:41234/?code=x', true, signIn)).toBe(true);
  });

  it("refuses a window's top frame anything else, first hop or redirect — another window's origins and other loopback ports too", () => {
    for (const redirected of [false, true]) {
      expect(hop('http://localhost:41235/', redirected, signIn)).toBe(false);
      expect(hop('https://localhost:38104/', redirected, signIn)).toBe(false);
      expect(hop('https://learn.example/', redirected, signIn)).toBe(false);
      expect(hop('https://evil.example/?code=x', redirected, signIn)).toBe(false);
    }
  });

  it('follows no redirect outside a top frame it knows, and lets other requests reach only what some open window may reach', () => {
    expect(hop('https://localhost:38103/x', true, undefined)).toBe(false);
    expect(hop('https://localhost:38103/x', false, undefined)).toBe(true);
    expect(hop('https://evil.example/', false, undefined)).toBe(false);
    expect(hopAllowed({ url: 'https://localhost:38103/x', redirected: false, window: undefined, anyWindow: [] })).toBe(false);
  });

  it('refuses what is not an http(s) URL, and a window that may reach nothing (the app window)', () => {
    expect(hop('ftp://localhost:38103/', false, signIn)).toBe(false);
    expect(hop('not a url', false, undefined)).toBe(false);
    expect(hop('https://app.airlock.test/index.html', false, new Set())).toBe(false);
  });
});
