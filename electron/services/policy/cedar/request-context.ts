// A guard request → the Cedar request (principal, action, resource, context) for the compiled policy.
// Display-safe facts only: ids, the MFA verdict, the route, this machine's addresses, the local time in each
// zone the policy names. Never a token or a claim value. Built for speed (decide() must stay well under
// 100 µs): the address slots are reused while the address list is the same array.
import { isIP } from 'node:net';
import type { CedarValueJson } from './cedar-engine';
import { ADDRESS_SLOTS, addressSlot } from './cedar-conditions';
import { entityType, NAMESPACE } from './cedar-text';
import { createZonedClock, type ZonedMinute } from './zoned-time';
import type { PolicyRequest } from '../decision';
import type { ResourceType } from '../../../../shared/contract/resource';

export interface CedarRequest {
  readonly principal: { type: string; id: string };
  readonly action: { type: string; id: string };
  readonly resource: { type: string; id: string };
  readonly context: Record<string, CedarValueJson>;
}

interface AddressSlots {
  readonly slots: Record<string, CedarValueJson>;
  readonly overflow: boolean;
}

/** Addresses as Cedar ip values, IPv4 first; scope ids dropped; anything unreadable counts as overflow (fail closed). */
export function addressSlots(addresses: readonly string[]): AddressSlots {
  const valid: string[] = [];
  let overflow = false;
  for (const raw of addresses) {
    const address = raw.split('%')[0] ?? '';
    if (isIP(address) === 0) overflow = true;
    else valid.push(address);
  }
  valid.sort((a, b) => isIP(a) - isIP(b));
  const slots: Record<string, CedarValueJson> = {};
  valid.slice(0, ADDRESS_SLOTS).forEach((address, i) => {
    slots[addressSlot(i)] = { __extn: { fn: 'ip', arg: address } };
  });
  return { slots, overflow: overflow || valid.length > ADDRESS_SLOTS };
}

export function createRequestMaker(zones: readonly string[]): (request: PolicyRequest) => CedarRequest {
  const clocks = zones.map((zone) => createZonedClock(zone));
  let lastAddresses: readonly string[] | undefined;
  let lastSlots: AddressSlots = addressSlots([]);
  return (request) => {
    if (request.machine.addresses !== lastAddresses) {
      lastSlots = addressSlots(request.machine.addresses);
      lastAddresses = request.machine.addresses;
    }
    const context: Record<string, CedarValueJson> = {
      environment: request.environmentId ?? '',
      hasEnvironment: request.environmentId !== null,
      tenant: request.account?.tenantId.toLowerCase() ?? '',
      hasTenant: request.account !== null,
      mfa: request.mfa.satisfied,
      route: request.route,
      resourceId: request.resource.id,
      anomalies: [...(request.anomalies ?? [])],
      addrOverflow: lastSlots.overflow,
      ...lastSlots.slots,
    };
    clocks.forEach((clock, i) => {
      const local: ZonedMinute = clock(request.time);
      context[`tz${i}`] = { minute: local.minute, day: local.day, prevDay: local.prevDay };
    });
    return {
      principal: { type: `${NAMESPACE}::User`, id: request.account?.accountId ?? 'nobody' },
      action: { type: `${NAMESPACE}::Action`, id: request.channel },
      resource: { type: entityType(request.resource.type as ResourceType), id: request.resource.id },
      context,
    };
  };
}
