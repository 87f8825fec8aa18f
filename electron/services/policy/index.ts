// The policy service's face: the admin policy decision point (Cedar), its sources (Linux file, Windows
// registry, macOS managed preferences, the bundled default), the effective policy and managed settings.
// Other services and the composition root use only what is exported here.
export { createPolicyService, type PolicyServiceOptions } from './policy-service';
export type {
  EffectivePolicy,
  Managed,
  ManagedSettings,
  PolicyDecision,
  PolicyExplanation,
  PolicyProblemView,
  PolicyRequest,
  PolicyService,
  PolicySourceInfo,
  PolicySourceKind,
} from './decision';
export { BASELINE_ACTIONS, BASELINE_RULE } from './document/action-names';
export type { PolicySource, SourceRead } from './sources/policy-source';
export { createTextPolicySource, type TextPolicySourceOptions } from './sources/text-source';
export { BUNDLED_DEFAULT_POLICY, createBundledDefaultSource } from './sources/bundled-default';
export { createLinuxPolicyFileSource, LINUX_POLICY_DIRECTORY, type LinuxPolicyFileOptions } from './sources/linux-file-source';
export { createRegistryPolicySource, WINDOWS_POLICY_KEY, type RegistryPolicySourceOptions, type RegistryReader, type RegistryValue } from './sources/registry-source';
export { createRegQueryReader, parseRegQueryOutput, type RegQueryReaderOptions } from './sources/reg-query-reader';
export {
  createManagedPreferencesSource,
  MACOS_BUNDLE_ID,
  type ManagedPreferencesReader,
  type ManagedPreferencesSourceOptions,
} from './sources/managed-preferences-source';
export { createPlutilReader, type PlutilReaderOptions } from './sources/plutil-reader';
export { MANAGED_VALUE_NAMES } from './sources/managed-values';
export { createMachinePolicySource, type MachinePolicySourceOptions } from './sources/machine-source';
export { ANOMALY_KINDS, ENDPOINT_AUTH_MODES, type AnomalyKind, type EndpointAuthMode } from './document/policy-document';
export { parseResourceName } from './document/resource-patterns';
