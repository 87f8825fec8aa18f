// Which actions a rule names: contract channel names, `service.*` for every action of a service, or `*` for
// every action. Checked against the channel list of this build, so a typo or an action this version does not
// have is an error, not a rule that silently matches nothing. Also the baseline: actions the policy always
// allows, so Airlock can always explain itself and let the user reduce what it holds.

/**
 * Always allowed, whatever the policy says (and even when it is broken), still decided and audited with the
 * rule 'airlock-baseline': version and health, following or cancelling a sign-in in progress, signing out
 * and forgetting the device (reducing privilege), showing and explaining the policy itself, and the audit
 * trail's own state. The records and the anomaly hints (which name every account's activity) stay the
 * policy's to allow; a refusal for an anomaly names the hint itself.
 */
export const BASELINE_ACTIONS: readonly string[] = Object.freeze([
  'app.info',
  'app.health',
  'auth.signInProgress',
  'auth.cancelSignIn',
  'auth.signOut',
  'auth.forgetDevice',
  'policy.show',
  'policy.explain',
  'audit.status',
  'audit.verifyProgress',
  'audit.cancelVerify',
]);
export const BASELINE_RULE = 'airlock-baseline';

export function isBaselineAction(action: string): boolean {
  return BASELINE_ACTIONS.includes(action);
}

export type Expanded = { ok: true; actions: readonly string[] } | { ok: false; message: string };

/** The known actions a pattern stands for, in the channel list's order. */
export function expandActionPattern(pattern: string, channels: readonly string[]): Expanded {
  if (pattern === '*') return { ok: true, actions: channels };
  const glob = /^([a-z][A-Za-z0-9]*)\.\*$/.exec(pattern);
  if (glob) {
    const matched = channels.filter((c) => c.startsWith(`${glob[1]}.`));
    return matched.length > 0 ? { ok: true, actions: matched } : { ok: false, message: `'${pattern}' matches no action (services: ${servicesOf(channels).join(', ')})` };
  }
  if (channels.includes(pattern)) return { ok: true, actions: [pattern] };
  const service = pattern.split('.')[0] ?? '';
  const known = channels.filter((c) => c.startsWith(`${service}.`));
  const hint = known.length > 0 ? `; ${service} has ${known.join(', ')}` : `; services: ${servicesOf(channels).join(', ')}`;
  return { ok: false, message: `unknown action '${pattern.slice(0, 64)}'${hint}` };
}

function servicesOf(channels: readonly string[]): string[] {
  return [...new Set(channels.map((c) => c.split('.')[0] ?? c))];
}
