// The IdP's own interaction pages at <mount>/interaction/:uid: sign-in (email + password), one-time code
// (RFC 6238 TOTP on the sandbox clock) when the user's policy or the request asks for MFA, then consent
// (the app is admin-consented: Accept grants every scope asked for). Failed passwords and codes are counted
// per user; too many lock the user for a while. Wrong email and wrong password read the same.
// The sign-in and code pages offer a way back to the app (POST <mount>/interaction/:uid/cancel, guarded like
// the other forms by the interaction's SameSite cookie): like Entra, the interaction ends with access_denied
// at the app's redirect_uri, its description an Entra code for the last failure of this interaction
// (CANCEL_REASONS), with `error_subcode=cancel` when nothing had failed yet (added by entra-shims).
// Must never log or render what the user typed as a password or code, nor tell whether an email exists.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { SandboxContext } from '../context';
import type { SeedUser } from '../seed/seed-schema';
import { isFormPost, readBody, redirect, sendHtml } from './http-util';
import type { Lockout } from './lockout';
import { consentPage, messagePage, oneTimeCodePage, signInPage } from './pages';
import { acrFor, requestAsksForMfa } from './step-up';
import { matchTotpStep } from './totp';

export const WRONG_CREDENTIALS = 'Your email or password is incorrect. Check them and try again.';
export const WRONG_CODE = 'That code is not correct. Enter the current code from your authenticator app.';

/** What last went wrong in an interaction; decides the error the app gets when the user goes back to it. */
export type InteractionFailure = 'password' | 'code' | 'locked';

/**
 * The `error_description` the app's redirect_uri gets when the user leaves the sign-in (`error=access_denied`).
 * Entra's codes: 50126 invalid username or password, 500121 strong authentication failed, 50053 account
 * locked. A cancel before anything failed uses 65004 (Entra's "user declined" code that comes with
 * `error_subcode=cancel`). Fixed words only: never what the user typed.
 */
export const CANCEL_REASONS: Readonly<Record<InteractionFailure | 'none', string>> = {
  password: 'AADSTS50126: Error validating credentials due to invalid username or password.',
  code: 'AADSTS500121: Authentication failed during strong authentication request.',
  locked: 'AADSTS50053: The account is locked because of too many failed sign-in attempts.',
  none: 'AADSTS65004: The user cancelled the sign-in.',
};

export function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Your account is locked because of too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

interface Deps {
  readonly provider: Provider;
  readonly ctx: SandboxContext;
  readonly lockout: Lockout;
  readonly mountPath: string;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
const samePassword = (typed: string, expected: string) => timingSafeEqual(digest(typed), digest(expected));

/** Returns a handler for paths inside the mount; it answers and returns true for interaction routes. */
export function createInteractionRoutes(deps: Deps): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> {
  const { provider, ctx, lockout, mountPath } = deps;
  // uid → the user whose password was right and who still owes a one-time code.
  const awaitingCode = new Map<string, SeedUser>();
  // RFC 6238 §5.2: a code is accepted once. The last accepted time step per user; older or equal steps are refused.
  const lastAcceptedStep = new Map<string, number>();
  // uid → the last failure of that interaction (for the error the app gets if the user goes back to it).
  const lastFailure = new Map<string, InteractionFailure>();
  const failed = (uid: string, failure: InteractionFailure) => {
    lastFailure.delete(uid); // re-inserted last: the oldest entries go first when the map is trimmed
    lastFailure.set(uid, failure);
    if (lastFailure.size > 1000) lastFailure.delete(lastFailure.keys().next().value ?? '');
  };
  const findUser = (username: string) => ctx.seed.users.find((u) => u.username.toLowerCase() === username.trim().toLowerCase());
  const base = (uid: string) => `${mountPath}/interaction/${encodeURIComponent(uid)}`;
  const tenantName = ctx.seed.tenant.displayName;
  const clientName = ctx.seed.client.displayName;

  const finishLogin = async (req: IncomingMessage, res: ServerResponse, uid: string, user: SeedUser, amr: string[]) => {
    awaitingCode.delete(uid);
    lastFailure.delete(uid);
    lockout.recordSuccess(user.username, { mfa: amr.includes('mfa') });
    ctx.log('idp.sign-in.completed', { username: user.username, amr: amr.join(' ') });
    const result: InteractionResults = { login: { accountId: user.oid, amr, acr: acrFor(amr), remember: true } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  };

  const codePage = (res: ServerResponse, uid: string, user: SeedUser, reason: string, error?: string) =>
    sendHtml(res, 200, oneTimeCodePage({ action: `${base(uid)}/otp`, cancelAction: `${base(uid)}/cancel`, username: user.username, reason, error }));

  /** The user went back to the app: end the interaction with access_denied, as Entra does. */
  const cancel = async (req: IncomingMessage, res: ServerResponse, uid: string) => {
    const failure = lastFailure.get(uid);
    awaitingCode.delete(uid);
    lastFailure.delete(uid);
    ctx.log('idp.sign-in.cancelled', { after: failure ?? 'none' });
    const result: InteractionResults = { error: 'access_denied', error_description: CANCEL_REASONS[failure ?? 'none'], ...(failure ? {} : { error_subcode: 'cancel' }) };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  };

  return async (req, res, path) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/(login|otp|consent|cancel))?$/.exec(path);
    if (!match) return false;
    const uid = match[1] ?? '';
    const step = match[3];
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch {
      sendHtml(res, 400, messagePage('Sign-in expired', 'This sign-in request has expired or was already completed. Start the sign-in again from the application.', { alert: true }));
      return true;
    }
    if (details.uid !== uid) {
      sendHtml(res, 400, messagePage('Sign-in expired', 'This sign-in request does not match this browser. Start the sign-in again from the application.', { alert: true }));
      return true;
    }
    const params = details.params as { login_hint?: string; claims?: unknown; acr_values?: unknown };
    const prompt = details.prompt.name;
    const form = step && isFormPost(req) ? new URLSearchParams(await readBody(req)) : undefined;
    if (step && !form) {
      redirect(res, base(uid));
      return true;
    }
    const now = ctx.now();

    if (step === 'cancel') {
      await cancel(req, res, uid);
      return true;
    }

    if (prompt === 'login') {
      let pending = awaitingCode.get(uid);
      // A signed-in session that only lacks MFA (step-up, or an `always` user) goes straight to the code page.
      if (!pending && details.prompt.reasons.includes('mfa_required') && details.session?.accountId) {
        pending = ctx.seed.users.find((u) => u.oid === details.session?.accountId);
        if (pending) awaitingCode.set(uid, pending);
      }
      const reason = 'This sign-in needs a second factor.';
      if (pending && step !== 'otp') {
        const locked = lockout.lockedUntil(pending.username);
        if (locked) failed(uid, 'locked');
        codePage(res, uid, pending, reason, locked ? lockedMessage(locked, now) : undefined);
        return true;
      }
      if (pending && form) {
        const locked = lockout.lockedUntil(pending.username);
        if (locked) {
          ctx.log('idp.sign-in.refused-locked', { username: pending.username, step: 'otp' });
          failed(uid, 'locked');
          codePage(res, uid, pending, reason, lockedMessage(locked, now));
          return true;
        }
        const matched = matchTotpStep(pending.totpSecret, form.get('otp') ?? '', now);
        const replayed = matched !== null && matched <= (lastAcceptedStep.get(pending.oid) ?? -1);
        if (matched !== null && !replayed) {
          lastAcceptedStep.set(pending.oid, matched);
          await finishLogin(req, res, uid, pending, ['pwd', 'mfa']);
          return true;
        }
        if (replayed) ctx.log('idp.mfa.replayed', { username: pending.username });
        const lockedNow = lockout.recordFailure(pending.username, 'code');
        ctx.log('idp.mfa.failed', { username: pending.username, locked: lockedNow !== null });
        failed(uid, lockedNow ? 'locked' : 'code');
        codePage(res, uid, pending, reason, lockedNow ? lockedMessage(lockedNow, now) : WRONG_CODE);
        return true;
      }
      const loginHint = typeof params.login_hint === 'string' ? params.login_hint : undefined;
      if (step !== 'login' || !form) {
        sendHtml(res, 200, signInPage({ action: `${base(uid)}/login`, cancelAction: `${base(uid)}/cancel`, tenantName, clientName, loginHint }));
        return true;
      }
      const username = (form.get('login') ?? '').trim().slice(0, 256);
      const again = (error: string) =>
        sendHtml(res, 200, signInPage({ action: `${base(uid)}/login`, cancelAction: `${base(uid)}/cancel`, tenantName, clientName, loginHint: username, error }));
      const locked = username ? lockout.lockedUntil(username) : null;
      if (locked) {
        ctx.log('idp.sign-in.refused-locked', { username, step: 'password' });
        failed(uid, 'locked');
        again(lockedMessage(locked, now));
        return true;
      }
      const user = findUser(username);
      if (!user || !samePassword(form.get('password') ?? '', user.password)) {
        // Unknown emails are counted too, so a lockout message does not reveal that an account exists.
        const lockedNow = username ? lockout.recordFailure(username) : null;
        ctx.log('idp.sign-in.failed', { username, locked: lockedNow !== null });
        failed(uid, lockedNow ? 'locked' : 'password');
        again(lockedNow ? lockedMessage(lockedNow, now) : WRONG_CREDENTIALS);
        return true;
      }
      if (user.mfa === 'always' || requestAsksForMfa(params)) {
        ctx.log('idp.sign-in.password-accepted', { username: user.username, next: 'otp' });
        awaitingCode.set(uid, user);
        redirect(res, base(uid));
        return true;
      }
      await finishLogin(req, res, uid, user, ['pwd']);
      return true;
    }

    if (prompt === 'consent') {
      const user = ctx.seed.users.find((u) => u.oid === details.session?.accountId);
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (step !== 'consent' || form?.get('consent') !== 'accept') {
        const permissions = [
          ...(missing.missingOIDCScope ?? []).map((s) => `Sign you in and read your profile (${s})`),
          ...Object.entries(missing.missingResourceScopes ?? {}).map(([resource, scopes]) => `Access ${resource} as you (${scopes.join(', ')})`),
        ];
        sendHtml(res, 200, consentPage({ action: `${base(uid)}/consent`, clientName, username: user?.username ?? 'you', permissions }));
        return true;
      }
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: ctx.seed.client.id });
      if (!grant) {
        sendHtml(res, 400, messagePage('Sign-in expired', 'This sign-in request has expired. Start the sign-in again from the application.', { alert: true }));
        return true;
      }
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
      const grantId = await grant.save();
      ctx.log('idp.consent.granted', { username: user?.username });
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return true;
    }

    sendHtml(res, 400, messagePage('Sign-in failed', `This sign-in step (${prompt}) is not supported by the sandbox.`, { alert: true }));
    return true;
  };
}
