// Builds the object exposed as `window.airlock` from the channel list: named methods only, frozen,
// each forwarding exactly one argument. Used by the Electron preload and, bundled the same way, by
// the test harness bridge, so both expose the identical surface.
import { CHANNELS, channelPath } from './channels';

export type Invoke = (channel: string, request: unknown) => Promise<unknown>;

export function buildAirlockApi(invoke: Invoke, channels: readonly string[] = CHANNELS): unknown {
  const services: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const { service, method } = channelPath(channel);
    const group = (services[service] ??= {});
    group[method] = (request?: unknown) => invoke(channel, request);
  }
  for (const group of Object.values(services)) Object.freeze(group);
  return Object.freeze(services);
}
