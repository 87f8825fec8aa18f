// The IdP's HTML pages: sign-in, one-time code, consent, device-code entry and confirmation, success and
// errors. The sign-in and one-time-code pages also offer a way back to the app (Entra's "cancel": the app's
// redirect_uri gets an access_denied error); that form comes after the page's main form. Self-contained (inline style, no scripts except the form_post auto-submit oidc-provider renders,
// no external assets). Every interpolated value goes through `escapeHtml`; must never put a password,
// code or token into a page.

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f3f2f1;margin:0;padding:40px 16px;color:#201f1e}
main{max-width:420px;margin:0 auto;background:#fff;padding:32px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.5em;font-weight:600;margin:0 0 16px}label{display:block;margin:12px 0 4px}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:8px;font-size:1em}
button{margin-top:20px;padding:8px 24px;font-size:1em;background:#0067b8;color:#fff;border:0;cursor:pointer}
button.secondary{background:#fff;color:#0067b8;border:1px solid #8a8886}
.alert{background:#fde7e9;border-left:4px solid #a4262c;padding:8px 12px;margin:12px 0}
.note{color:#605e5c;font-size:.9em}code{font-size:1.3em}`;

export function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
<p class="note">Airlock sandbox identity provider (local testing only).</p></main></body></html>`;
}

const alert = (message: string | undefined) => (message ? `<p class="alert" role="alert">${escapeHtml(message)}</p>` : '');

/** The label of the way back to the app; the scripted browser presses the button with these words. */
export const CANCEL_LABEL = 'Cancel sign-in and return to the app';

/** A second form posting to the interaction's cancel endpoint (no fields a user typed go with it). */
const cancelForm = (action: string | undefined) =>
  action
    ? `<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="cancel" value="yes">
<button type="submit" class="secondary">${escapeHtml(CANCEL_LABEL)}</button>
</form>`
    : '';

export function signInPage(options: { action: string; cancelAction?: string; tenantName: string; clientName: string; loginHint?: string; error?: string }): string {
  return layout(
    'Sign in',
    `<p>to ${escapeHtml(options.clientName)} in ${escapeHtml(options.tenantName)}</p>
${alert(options.error)}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="login">Email</label><input id="login" type="email" name="login" value="${escapeHtml(options.loginHint ?? '')}" autofocus required>
<label for="password">Password</label><input id="password" type="password" name="password" required>
<button type="submit">Sign in</button>
</form>
${cancelForm(options.cancelAction)}`,
  );
}

export function oneTimeCodePage(options: { action: string; cancelAction?: string; username: string; reason: string; error?: string }): string {
  return layout(
    'Enter code',
    `<p>${escapeHtml(options.reason)} Enter the 6-digit code from the authenticator app for <strong>${escapeHtml(options.username)}</strong>.</p>
${alert(options.error)}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="otp">Code</label><input id="otp" type="text" name="otp" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autofocus required>
<button type="submit">Verify</button>
</form>
${cancelForm(options.cancelAction)}`,
  );
}

export function consentPage(options: { action: string; clientName: string; username: string; permissions: readonly string[] }): string {
  const items = options.permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
  return layout(
    'Permissions requested',
    `<p><strong>${escapeHtml(options.clientName)}</strong> will act as <strong>${escapeHtml(options.username)}</strong>. Your administrator has approved:</p>
<ul>${items}</ul>
<form method="post" action="${escapeHtml(options.action)}">
<input type="hidden" name="consent" value="accept">
<button type="submit">Accept</button>
</form>`,
  );
}

/** A page without a form; `alert` marks it as an error (role="alert", which the scripted browser treats as one). */
export function messagePage(title: string, message: string, options: { alert: boolean }): string {
  return layout(title, `<p${options.alert ? ' role="alert"' : ''}>${escapeHtml(message)}</p>`);
}

/** Device-code entry: `form` is oidc-provider's own form markup (it carries the xsrf token and escapes its values). */
export function deviceCodeInputPage(form: string, error?: string): string {
  return layout('Device sign-in', `<p>Enter the code shown by the application that wants to sign in.</p>${alert(error)}
${form.replace('</form>', '<button type="submit">Next</button></form>')}`);
}

export function deviceCodeConfirmPage(form: string, clientName: string, userCode: string): string {
  return layout(
    'Are you trying to sign in?',
    `<p><strong>${escapeHtml(clientName)}</strong> shows the code <code>${escapeHtml(userCode)}</code>. Continue only if you started this sign-in.</p>
${form.replace('</form>', '<button type="submit">Continue</button></form>')}`,
  );
}
