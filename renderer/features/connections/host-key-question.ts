// Which host-key question a failed Connect raises: an unknown key the user may trust (the fingerprint main saw,
// then Trust and connect), an unknown key the organization forbids trusting (firstUse 'forbidden': no Trust at
// all, since main would refuse it — only who to ask), a changed key (a stop), or none (an ordinary error).
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { detailsOf } from '../../../shared/errors/details';

export type HostKeyQuestion =
  | { readonly kind: 'unknown'; readonly via: 'jump' | 'bastion' | 'vpn'; readonly host: string | null; readonly presented: string }
  | { readonly kind: 'forbidden'; readonly host: string | null; readonly presented: string }
  | { readonly kind: 'changed'; readonly host: string | null; readonly expected: string | null; readonly presented: string | null };

export const FIRST_USE_FORBIDDEN_WORDS = 'Your organization does not allow trusting a new host key; ask your administrator for the fingerprint.';

export function hostKeyQuestionOf(error: AirlockError, via: 'jump' | 'bastion' | 'vpn'): HostKeyQuestion | null {
  if (error.code === 'E_HOST_KEY_UNKNOWN') {
    const unknown = detailsOf('E_HOST_KEY_UNKNOWN', error);
    if (!unknown?.presented) return null;
    const host = unknown.host ?? null;
    return unknown.firstUse === 'forbidden' ? { kind: 'forbidden', host, presented: unknown.presented } : { kind: 'unknown', via, host, presented: unknown.presented };
  }
  if (error.code === 'E_HOST_KEY_CHANGED') {
    const changed = detailsOf('E_HOST_KEY_CHANGED', error);
    return { kind: 'changed', host: changed?.host ?? null, expected: changed?.expected ?? null, presented: changed?.presented ?? null };
  }
  return null;
}
