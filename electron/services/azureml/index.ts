// Azure Machine Learning's control plane through @azure/arm-machinelearning, wired to Airlock's parts: the
// auth service's tokens (claims challenges, CAE, clock skew), the HTTP port (the environment's CA), and
// policies that pin every request to the environment's ARM host, cap answers, pages and time, and turn
// every failure into a typed error without ARM's words or HTML.
export { createArmClient, DEFAULT_ARM_LIMITS, typed as typedArmError, type ArmClient, type ArmClientDeps, type ArmLimits, type CallOptions } from './arm-client';
export { armCredential, type ArmCredential } from './arm-credential';
export { isArmUrl } from './arm-url';
export { inferenceUrlOf } from './scoring-uri';
