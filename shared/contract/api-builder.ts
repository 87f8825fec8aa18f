// Builds the object exposed as `window.airlock` from the channel and event lists: named methods only, frozen,
// each request method forwarding exactly one argument, and — given a subscribe function — one listener method
// per push event (`auth.onSignInProgress(listener)` → unsubscribe). Used by the Electron preload and, bundled
// the same way, by the test harness bridge, so both expose the identical surface.
import { CHANNELS, apiSurface, channelPath } from './channels';
import type { Subscribe } from './event-dispatch';
import { EVENTS, listenerMethod } from './event-names';

export type Invoke = (channel: string, request: unknown) => Promise<unknown>;

export function buildAirlockApi(invoke: Invoke, channels: readonly string[] = CHANNELS, subscribe?: Subscribe): unknown {
  const services: Record<string, Record<string, (arg?: unknown) => unknown>> = {};
  for (const channel of channels) {
    const { service, method } = channelPath(channel);
    const group = (services[service] ??= {});
    group[method] = (request?: unknown) => invoke(channel, request);
  }
  if (subscribe) {
    for (const name of EVENTS) {
      const { service, method } = listenerMethod(name);
      const group = (services[service] ??= {});
      // Exactly one argument: the listener; it gets the payload alone.
      group[method] = (listener?: unknown) => subscribe(name, listener as (payload: unknown) => void);
    }
  }
  for (const group of Object.values(services)) Object.freeze(group);
  return Object.freeze(services);
}

/** The whole surface the preload and the bridge expose: request methods and event listener methods, sorted. */
export function exposedSurface(): Record<string, string[]> {
  const surface = apiSurface();
  for (const name of EVENTS) {
    const { service, method } = listenerMethod(name);
    surface[service] = [...(surface[service] ?? []), method].sort();
  }
  return surface;
}
