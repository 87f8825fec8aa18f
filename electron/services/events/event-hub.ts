// The push channel's source inside main: services emit contract events here, and hosts (Electron's window,
// the Chromium host) subscribe to send them on. Every payload is parsed with its event's schema first, as the
// gateway parses responses: one that fails is dropped and logged by the event's name only — never its fields,
// never sent. Subscribers get plain parsed data, each its own copy.
import { events } from '../../../shared/contract/events';
import { isEventName, type EventName } from '../../../shared/contract/event-names';
import type { EventInput, EventPayload } from '../../../shared/contract/events';
import type { Logger } from '../ports';

/** One checked event, as hosts receive it. */
export type AirlockEvent = { [N in EventName]: { readonly name: N; readonly payload: EventPayload<N> } }[EventName];

export type EventListener = (event: AirlockEvent) => void;

/** What hosts see of the hub: subscribe, get an unsubscribe back. */
export interface EventSource {
  subscribe(listener: EventListener): () => void;
}

export interface EventHub extends EventSource {
  emit<N extends EventName>(name: N, payload: EventInput<N>): void;
}

export function createEventHub(deps: { readonly logger: Logger }): EventHub {
  const listeners = new Set<EventListener>();
  return {
    subscribe(listener) {
      // A wrapper per subscription: the same function subscribed twice is two subscriptions, each undone alone.
      const entry: EventListener = (event) => listener(event);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
    emit(name, payload) {
      if (!isEventName(name)) {
        deps.logger.log('error', 'events.unknown_event', {}); // the name itself could be anything
        return;
      }
      const checked = events[name].payload.safeParse(payload);
      if (!checked.success) {
        deps.logger.log('error', 'events.bad_payload', { event: name });
        return;
      }
      for (const listener of [...listeners]) {
        try {
          listener({ name, payload: structuredClone(checked.data) } as AirlockEvent);
        } catch {
          // What it threw may quote the payload or worse: the name is enough to find the host that failed.
          deps.logger.log('warn', 'events.listener_failed', { event: name });
        }
      }
    },
  };
}
