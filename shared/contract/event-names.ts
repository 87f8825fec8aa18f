// The names of every push event (main → renderer), as `<service>.<event>`, with no schema attached, and the
// one IPC channel they all travel on. The preload and the harness bridge import only this file (and the
// zod-free dispatch), so the sandboxed preload stays tiny; events.ts checks at compile time that this list
// and the schemas agree. A renderer subscribes through a named method per event, `window.airlock.<service>.
// on<Event>(listener)`, never a generic on(channel).

export const EVENTS = ['auth.signInProgress', 'vault.locked', 'route.state', 'route.prompt', 'forward.state', 'audit.verifyProgress', 'testRun.progress'] as const;

export type EventName = (typeof EVENTS)[number];

/**
 * The single channel main pushes on; the message is `{ name, payload }`. Not `<service>.<method>`-shaped, so it
 * can never be mistaken for (or registered as) a request channel.
 */
export const EVENT_CHANNEL = 'airlock:event';

/** The message on EVENT_CHANNEL: a declared event name and its payload, already checked against its schema in main. */
export interface EventMessage {
  readonly name: EventName;
  readonly payload: unknown;
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENTS as readonly string[]).includes(name);
}

/** `auth.signInProgress` → `window.airlock.auth.onSignInProgress`. */
export function listenerMethod(name: string): { service: string; method: string } {
  const dot = name.indexOf('.');
  const event = name.slice(dot + 1);
  return { service: name.slice(0, dot), method: `on${event.charAt(0).toUpperCase()}${event.slice(1)}` };
}

export type ListenerMethodOf<N extends string> = N extends `${string}.${infer E}` ? `on${Capitalize<E>}` : never;
