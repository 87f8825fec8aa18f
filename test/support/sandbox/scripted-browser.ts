// The scripted "system browser" of identity.md §9 for tests: msal's `openBrowser(url)` hands it the
// authorize URL and it plays the user — follows redirects by hand, keeps cookies, fills the first form of
// each page (email + password, one-time code, device user code, consent) and submits it, including the
// final form_post to msal's loopback listener. Trusts only the sandbox CA (node:https `ca`, no global
// settings). It stops once a response comes from another origin than the IdP (the loopback). IdP errors
// (status >= 400, or a page with role="alert") throw with the page's text — unless `cancelAfterErrors` is
// set: then it plays a user who gives up, pressing the page's "Cancel sign-in" button and following the
// IdP's error response (an auto-submit form) back to the app's loopback.
// It computes TOTP codes itself (RFC 6238, independent of the IdP's code) from the sandbox clock.
import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ScriptedUser {
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
}

export interface ScriptedBrowserOptions {
  readonly caPem: string;
  readonly user: ScriptedUser;
  /** The sandbox clock (the TOTP code is computed for this time). */
  readonly now: () => Date;
  /** Typed into the one-time-code form instead of the right code. */
  readonly otpOverride?: string;
  /** Typed into the password form instead of the user's password. */
  readonly passwordOverride?: string;
  /** Log of visited pages (method, URL without query, status, title) for assertions. */
  readonly trace?: string[];
  /**
   * Give up instead of throwing on IdP error pages: after this many pages with an error (role="alert"),
   * press the page's "Cancel sign-in …" button and take the IdP's answer back to the app. Error pages
   * before that are answered again with the same values (as a user retrying). 0 cancels on the first page
   * that offers the button. Pages with status >= 400 and pages without the button still throw.
   */
  readonly cancelAfterErrors?: number;
}

export interface ScriptedBrowser {
  /** For msal's `openBrowser`: starts the walk without waiting (like shell.openExternal); failures go to `lastRun`. */
  openBrowser(url: string): Promise<void>;
  /** Walks from `url` until the loopback answered; throws with the page text on an IdP error. */
  visit(url: string): Promise<Page>;
  /** Opens the device-code page, enters the code and signs in. */
  completeDeviceCode(verificationUri: string, userCode: string): Promise<Page>;
  /** The walk started by the last `openBrowser` call. */
  lastRun(): Promise<Page> | undefined;
  readonly cookies: Map<string, string>;
}

export interface Page {
  readonly url: string;
  readonly status: number;
  readonly text: string;
}

export class IdpPageError extends Error {
  override name = 'IdpPageError';
  constructor(
    readonly page: Page,
    readonly pageText: string,
  ) {
    super(`IdP page ${page.status} at ${page.url.split('?')[0] ?? ''}: ${pageText.slice(0, 300)}`);
  }
}

/** RFC 6238 (SHA-1, 6 digits, 30 s): the code an authenticator app shows for this secret at this time. */
export function totp(base32: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (_m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? '';
  });

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? '') : undefined;
};

export const pageText = (html: string) =>
  decodeEntities(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

interface Form {
  action: string;
  method: string;
  fields: Array<[string, string]>;
}

function parseForm(attributes: string, inner: string, base: string): Form {
  const fields: Array<[string, string]> = [];
  for (const input of inner.match(/<(input|button)\b[^>]*>/gi) ?? []) {
    const name = attr(input, 'name');
    if (!name) continue;
    const isButton = /^<button/i.test(input) || /type\s*=\s*["']?submit/i.test(input);
    if (isButton && fields.some(([n]) => n === name)) continue;
    fields.push([name, attr(input, 'value') ?? '']);
  }
  return { action: new URL(attr(attributes, 'action') ?? base, base).href, method: (attr(attributes, 'method') ?? 'get').toLowerCase(), fields };
}

function firstForm(html: string, base: string): Form | undefined {
  const m = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  return m ? parseForm(m[1]!, m[2]!, base) : undefined;
}

/** The button a user presses to leave the sign-in and go back to the app (matched by its words). */
const CANCEL_BUTTON = /^cancel sign-in\b/i;

/** The form whose submit button reads "Cancel sign-in …", if the page has one. */
function cancelForm(html: string, base: string): Form | undefined {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const buttons = [...m[2]!.matchAll(/<button\b[^>]*>([\s\S]*?)<\/button>/gi)].map((b) => pageText(b[1]!));
    if (buttons.some((label) => CANCEL_BUTTON.test(label))) return parseForm(m[1]!, m[2]!, base);
  }
  return undefined;
}

export function createScriptedBrowser(options: ScriptedBrowserOptions): ScriptedBrowser {
  const cookies = new Map<string, string>();
  let idpOrigin: string | undefined;
  let last: Promise<Page> | undefined;

  const send = (method: string, url: string, body?: string) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const target = new URL(url);
      const headers: Record<string, string> = { accept: 'text/html', 'user-agent': 'airlock-scripted-browser' };
      if (cookies.size && target.origin === idpOrigin) headers['cookie'] = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (body !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const done = (res: import('node:http').IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      };
      const req = target.protocol === 'https:' ? httpsRequest(target, { method, headers, ca: options.caPem }, done) : httpRequest(target, { method, headers }, done);
      req.on('error', reject);
      req.end(body);
    });

  const fill = (form: Form): string => {
    const values = new URLSearchParams();
    for (const [name, value] of form.fields) {
      if (name === 'login') values.append(name, options.user.username);
      else if (name === 'password') values.append(name, options.passwordOverride ?? options.user.password);
      else if (name === 'otp') values.append(name, options.otpOverride ?? totp(options.user.totpSecret, options.now()));
      else values.append(name, value);
    }
    return values.toString();
  };

  const walk = async (start: string, userCode?: string): Promise<Page> => {
    idpOrigin ??= new URL(start).origin;
    let errorPages = 0;
    let method = 'GET';
    let url = start;
    let body: string | undefined;
    for (let hop = 0; hop < 30; hop += 1) {
      const res = await send(method, url, body);
      if (new URL(url).origin === idpOrigin) {
        for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
          const [pair] = c.split(';');
          const eq = pair!.indexOf('=');
          const expired = /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0\b/i.test(c);
          if (expired) cookies.delete(pair!.slice(0, eq).trim());
          else cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
        }
      }
      const page: Page = { url, status: res.status, text: pageText(res.body) };
      options.trace?.push(`${method} ${url.split('?')[0] ?? ''} ${res.status} ${/<title>([^<]*)<\/title>/i.exec(res.body)?.[1] ?? ''}`);
      if (new URL(url).origin !== idpOrigin) return page;
      if (res.status >= 300 && res.status < 400 && res.headers.location) {
        method = 'GET';
        url = new URL(res.headers.location, url).href;
        body = undefined;
        continue;
      }
      const isError = res.status >= 400 || /role="alert"/.test(res.body);
      let form = firstForm(res.body, url);
      if (options.cancelAfterErrors === undefined) {
        if (isError) throw new IdpPageError(page, page.text);
      } else if (form && form.method === 'post' && new URL(form.action).origin !== idpOrigin) {
        // The IdP hands the sign-in (or its error, with status 400) back to the app: submit it as a browser does.
      } else {
        if (isError) errorPages += 1;
        const leave = errorPages >= options.cancelAfterErrors ? cancelForm(res.body, url) : undefined;
        if (leave) form = leave;
        else if (res.status >= 400 || (isError && !cancelForm(res.body, url))) throw new IdpPageError(page, page.text);
      }
      if (!form) return page;
      if (userCode !== undefined) form.fields = form.fields.map(([n, v]) => [n, n === 'user_code' ? userCode : v]);
      const encoded = fill(form);
      if (form.method === 'post') {
        method = 'POST';
        url = form.action;
        body = encoded;
      } else {
        method = 'GET';
        const next = new URL(form.action);
        next.search = encoded;
        url = next.href;
        body = undefined;
      }
    }
    throw new Error('scripted browser: too many hops');
  };

  return {
    cookies,
    openBrowser(url) {
      last = walk(url);
      // msal does not await the walk; keep the rejection observable through lastRun().
      last.catch(() => undefined);
      return Promise.resolve();
    },
    visit: (url) => walk(url),
    completeDeviceCode: (verificationUri, userCode) => walk(verificationUri, userCode),
    lastRun: () => last,
  };
}
