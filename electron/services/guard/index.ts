// The guard's face: the request context every handler receives, the guard the gateway runs each call through,
// the context builder and the machine-addresses port, and the shapes it needs of the policy decision point and
// the audit trail.
export type { CallerHost, ContextAccount, MfaFacts, OutcomeFacts, RequestContext, ResourceRef, ResourceType, RouteKind } from './request-context';
export { NO_MFA } from './request-context';
export type { GuardDecision, PolicyDecisionPoint } from './policy-port';
export type { AuditAppender, AuditEvent } from './audit-port';
export { createGuard, deniedShape, type Guard, type GuardDeps, type GuardedCall } from './guard';
export { createContextBuilder, type ActiveIdentity, type ContextBuilderDeps } from './context-builder';
export { createMachineAddresses, type MachineAddresses, type MachineAddressesDeps } from './machine-addresses';
