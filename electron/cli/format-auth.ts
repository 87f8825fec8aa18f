// Terminal text for sign-in, sign-out and whoami. Display data only (the contract's auth schemas hold no
// token): names and usernames come from the identity provider, so they are printed inert.
import type { AccountSummary, SessionInfo } from '../../shared/contract/schemas/auth';
import { inert } from './inert';

export const accountLine = (a: AccountSummary): string => `${inert(a.username, 128)}${a.name ? ` (${inert(a.name, 128)})` : ''} in ${inert(a.environmentId, 64)}`;

export function formatDeviceCode(verificationUri: string, userCode: string, expiresAt: string): string {
  return `To sign in, open ${inert(verificationUri, 512)} and enter the code ${inert(userCode, 32)} (it expires at ${inert(expiresAt, 32)}).\n`;
}

export function formatSignedIn(account: AccountSummary, vault: SessionInfo['vault']): string {
  return `Signed in as ${accountLine(account)}.\n${vault ? `Your sign-in is kept in the ${vault.mode === 'keychain' ? `keychain (${inert(vault.backend, 128)})` : 'memory only'}.\n` : ''}`;
}

export function formatWhoami(session: SessionInfo, accounts: readonly AccountSummary[]): string {
  const a = session.account;
  if (!a) return 'Not signed in.\n';
  const lines = [
    accountLine(a),
    `  Tenant: ${inert(a.tenantId, 64)}`,
    `  Signed in: ${inert(a.signedInAt ?? 'unknown', 32)}   Methods: ${inert(a.authMethods.join(', ') || 'unknown', 200)}`,
    ...session.tokens.map((t) => `  ${t.resource.toUpperCase()} token: ${t.expiresAt ? `valid until ${t.expiresAt}` : 'not available'}`),
    ...(session.vault
      ? [`  Token store: ${session.vault.mode === 'keychain' ? inert(session.vault.backend, 128) : 'memory only'}${session.vault.locked ? ' (locked)' : ''}${session.vault.reason ? ` — ${inert(session.vault.reason, 400)}` : ''}`]
      : []),
  ];
  const others = accounts.filter((o) => o.accountId !== a.accountId);
  if (others.length > 0) lines.push('Also signed in:', ...others.map((o) => `  ${accountLine(o)}`));
  return `${lines.join('\n')}\n`;
}
