// The policy's effects outside the guard (policy.loaded records, idle lock, audit retention), for the composition root.
export { startPolicyEffects, type PolicyEffects, type PolicyEffectsDeps } from './policy-effects';
export { RETENTION_EVERY_MS } from './audit-retention';
