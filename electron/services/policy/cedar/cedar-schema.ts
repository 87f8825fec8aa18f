// The Cedar schema the compiled policies are validated against (strict mode) when a policy is loaded: a
// compiler mistake — a context attribute that is not there, a type mismatch — is caught at load time and
// the policy fails closed, instead of turning into an evaluation error at decision time.
import { RESOURCE_TYPES } from '../../../../shared/contract/resource';
import { ADDRESS_SLOTS, addressSlot } from './cedar-conditions';
import { cedarString, entityType, NAMESPACE } from './cedar-text';

export function cedarSchema(actions: readonly string[], zoneCount: number): string {
  const types = RESOURCE_TYPES.map((t) => entityType(t).slice(NAMESPACE.length + 2));
  const attributes = [
    'environment: String',
    'hasEnvironment: Bool',
    'tenant: String',
    'hasTenant: Bool',
    'mfa: Bool',
    'route: String',
    'resourceId: String',
    'anomalies: Set<String>',
    'addrOverflow: Bool',
    ...Array.from({ length: ADDRESS_SLOTS }, (_, i) => `${addressSlot(i)}?: __cedar::ipaddr`),
    ...Array.from({ length: zoneCount }, (_, i) => `tz${i}: Zoned`),
  ];
  return [
    `namespace ${NAMESPACE} {`,
    `  entity User, ${types.join(', ')};`,
    '  type Zoned = { minute: Long, day: String, prevDay: String };',
    `  type RequestContext = { ${attributes.join(', ')} };`,
    `  action ${actions.map(cedarString).join(', ')} appliesTo { principal: [User], resource: [${types.join(', ')}], context: RequestContext };`,
    '}',
  ].join('\n');
}
