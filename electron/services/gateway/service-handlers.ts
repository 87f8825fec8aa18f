// What the composition root provides for every contract channel: a handler taking the validated input and the
// guard's RequestContext. Only the gateway calls them, and only through the guard; hosts never see this object.
import type { z } from 'zod';
import type { Channel, MethodOf, ServiceOf } from '../../../shared/contract/channels';
import type { Contract, OutputOf } from '../../../shared/contract/contract';
import type { RequestContext } from '../guard';

/** The input after the contract's schema parsed it (defaults applied, unknown keys refused). */
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;

export type HandlerOf<C extends Channel> = (input: ParsedInputOf<C>, ctx: RequestContext) => Promise<OutputOf<C>>;

export type ServiceHandlers = {
  readonly [S in ServiceOf<Channel>]: {
    readonly [C in Channel as ServiceOf<C> extends S ? MethodOf<C> : never]: HandlerOf<C>;
  };
};

/** Some handlers replaced (tests stub a service this way); what replaces them still runs behind the guard. */
export type HandlerReplacements = {
  readonly [S in keyof ServiceHandlers]?: Partial<ServiceHandlers[S]>;
};

export function replaceHandlers(handlers: ServiceHandlers, replacements: HandlerReplacements | undefined): ServiceHandlers {
  if (!replacements) return handlers;
  const merged: Record<string, unknown> = { ...handlers };
  for (const [service, group] of Object.entries(replacements)) {
    merged[service] = { ...(handlers as unknown as Record<string, object>)[service], ...group };
  }
  return merged as ServiceHandlers;
}
