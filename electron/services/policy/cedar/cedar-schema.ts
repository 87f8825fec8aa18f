// The Cedar schema the compiled policies are validated against (strict mode) when a policy is loaded: a
// compiler mistake — a context attribute that is not there, a type mismatch — is caught at load time and
// the policy fails closed, instead of turning into an evaluation error at decision time.
import { RESOURCE_TYPES } from '../../../../shared/contract/resource';
import { cedarString, entityType, NAMESPACE } from './cedar-text';

export function cedarSchema(actions: readonly string[], ipSets: number, zones: number): string {
  const types = RESOURCE_TYPES.map((t) => entityType(t).slice(NAMESPACE.length + 2));
  const attributes = [
    'environment: String',
    'tenant: String',
    'mfa: Bool',
    'route: String',
    'resourceId: String',
    'anomalies: Set<String>',
    ...Array.from({ length: ipSets }, (_, i) => `ip${i}: Bool`),
    ...Array.from({ length: zones }, (_, i) => `tz${i}Week: Long`),
  ];
  return [
    `namespace ${NAMESPACE} {`,
    `  entity User, ${types.join(', ')};`,
    `  type RequestContext = { ${attributes.join(', ')} };`,
    `  action ${actions.map(cedarString).join(', ')} appliesTo { principal: [User], resource: [${types.join(', ')}], context: RequestContext };`,
    '}',
  ].join('\n');
}
