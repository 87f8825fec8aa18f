// A guard request → the Cedar request (principal, action, resource, context) for the compiled policy.
// Display-safe facts only: ids, the MFA verdict, the route, whether this machine's addresses fall in each
// range list, the local time in each zone the policy names. Never a token or a claim value. Built for speed
// (decide() has 100 µs): only the attributes the evaluated policies read (context-needs.ts), and the
// address verdicts are reused while the address list is the same array.
import { BlockList, isIP } from 'node:net';
import type { PolicyRequest } from '../decision';
import type { ResourceType } from '../../../../shared/contract/resource';
import type { CedarValueJson } from './cedar-engine';
import { entityType, NAMESPACE } from './cedar-text';
import type { ContextNeeds } from './context-needs';
import { createZonedClock } from './zoned-time';

export interface CedarRequest {
  readonly principal: { type: string; id: string };
  readonly action: { type: string; id: string };
  readonly resource: { type: string; id: string };
  readonly context: Record<string, CedarValueJson>;
}

export type RequestMaker = (request: PolicyRequest, needs: ContextNeeds) => CedarRequest;

function blockListOf(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [network = '', prefix = ''] = range.split('/');
    list.addSubnet(network, Number(prefix), isIP(network) === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/** For each range list: is any of these addresses in it? (IPv6 zone ids dropped; what is not an address is in nothing.) */
export function addressVerdicts(lists: readonly BlockList[], addresses: readonly string[]): boolean[] {
  const parsed = addresses.map((raw) => raw.split('%')[0] ?? '').filter((a) => isIP(a) !== 0);
  return lists.map((list) => parsed.some((a) => list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4')));
}

export function createRequestMaker(ipSets: readonly (readonly string[])[], zones: readonly string[]): RequestMaker {
  const lists = ipSets.map(blockListOf);
  const clocks = zones.map((zone) => createZonedClock(zone));
  let lastAddresses: readonly string[] | undefined;
  let lastVerdicts: boolean[] = addressVerdicts(lists, []);
  return (request, needs) => {
    const context: Record<string, CedarValueJson> = {};
    const facts = needs.facts;
    if (facts.has('environment')) context['environment'] = request.environmentId ?? '';
    if (facts.has('tenant')) context['tenant'] = request.account?.tenantId.toLowerCase() ?? '';
    if (facts.has('mfa')) context['mfa'] = request.mfa.satisfied;
    if (facts.has('route')) context['route'] = request.route;
    if (facts.has('resourceId')) context['resourceId'] = request.resource.id;
    if (facts.has('anomalies')) context['anomalies'] = [...(request.anomalies ?? [])];
    if (needs.ip.length > 0 && request.machine.addresses !== lastAddresses) {
      lastVerdicts = addressVerdicts(lists, request.machine.addresses);
      lastAddresses = request.machine.addresses;
    }
    for (const i of needs.ip) context[`ip${i}`] = lastVerdicts[i] ?? false;
    for (const i of needs.tz) context[`tz${i}Week`] = (clocks[i] as ReturnType<typeof createZonedClock>)(request.time).minuteOfWeek;
    return {
      principal: { type: `${NAMESPACE}::User`, id: request.account?.accountId ?? 'nobody' },
      action: { type: `${NAMESPACE}::Action`, id: request.channel },
      resource: { type: entityType(request.resource.type as ResourceType), id: request.resource.id },
      context,
    };
  };
}
