// The policy Airlock uses when the computer has no machine policy (no /etc/airlock/policy.{json,yaml,yml},
// no HKLM\Software\Policies\Airlock, no managed preferences): the development and sandbox default, and what
// a packaged build runs with when no organization manages it. It restricts nothing beyond Airlock's own
// defaults — limits are the organization's to set — and it is never used in place of a machine policy that
// exists but is broken (that fails closed).
import { createHash } from 'node:crypto';
import { createTextPolicySource } from './text-source';
import type { PolicySource } from './policy-source';

export const BUNDLED_DEFAULT_POLICY = `# Airlock's built-in policy (no policy from your organization).
version: 1
environments: ["*"]
tenants: ["*"]
localForwards: true
rules:
  - id: unmanaged-allow-all
    effect: allow
    actions: ["*"]
    reason: No organization manages Airlock on this computer, so every action is allowed.
`;

export function createBundledDefaultSource(): PolicySource {
  return createTextPolicySource({ text: BUNDLED_DEFAULT_POLICY, format: 'yaml', file: 'built-in default policy', kind: 'default' });
}

/**
 * The bundled default's fingerprint (its text's SHA-256, as the text source reports it). Compiled for the
 * contract's channels it is known to pass Cedar's strict validation (test/unit/electron/services/policy/
 * bundled-default-validates.test.ts runs the validator on exactly that), so the service need not run it again
 * at every start.
 */
export const BUNDLED_DEFAULT_FINGERPRINT = createHash('sha256').update(BUNDLED_DEFAULT_POLICY).digest('hex');
