// The renderer side of the push channel, shared by the Electron preload and the harness bridge (zod-free, so
// the sandboxed preload stays tiny): one transport listener hands every message here, and this passes its
// payload — plain data only, never the transport's event object — to the listeners of that event name.
// Main already checked the payload against the contract; a message with an undeclared name is ignored.
import { isEventName, type EventName } from './event-names';

export type EventListener = (payload: unknown) => void;
export type Subscribe = (name: EventName, listener: EventListener) => () => void;

export interface EventDispatch {
  /** Hands one message from the transport (`{ name, payload }`) to that event's listeners. */
  deliver(message: unknown): void;
  subscribe: Subscribe;
}

/**
 * `copy`: what each listener gets (contextBridge already copies in Electron; the bridge clones). A listener
 * that throws is reported like an event handler's error, and the others still run.
 */
export function createEventDispatch(copy: (payload: unknown) => unknown = (payload) => payload, report: (thrown: unknown) => void = () => undefined): EventDispatch {
  const listeners = new Map<EventName, Set<EventListener>>();
  return {
    deliver(message) {
      if (typeof message !== 'object' || message === null) return;
      const { name, payload } = message as { name?: unknown; payload?: unknown };
      if (!isEventName(name)) return;
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          listener(copy(payload));
        } catch (thrown) {
          report(thrown);
        }
      }
    },
    subscribe(name, listener) {
      if (typeof listener !== 'function') throw new TypeError(`A listener for ${name} must be a function.`);
      // A wrapper per subscription: the same function subscribed twice is two subscriptions, each undone alone.
      const entry: EventListener = (payload) => listener(payload);
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(entry);
      return () => void set.delete(entry);
    },
  };
}
