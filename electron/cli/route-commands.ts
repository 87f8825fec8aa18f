// `airlock route list|connect|disconnect|check`: the active environment's private routes through the guarded
// door (route.* channels), like the Connections screen. A route lives as long as the process that brought it
// up: `connect` proves it comes up and reports it, then it closes with the command (`airlock tunnel` keeps one
// open). `check` is Test connection: each step with its time and the cause in words, exit 1 when one failed.
import { callChannel } from './contract-call';
import type { CommandGroup } from './cli-command';
import { formatCheck, formatRouteList, formatRouteStatus } from './format-route';
import { ENDPOINT, TRUST_HOST_KEY, VIA, WORKSPACE, viaOf } from './route-flags';
import { answeringPrompts, connectAsking } from './route-questions';
import { useSignedInAccount } from './signed-in';
import { resolveWorkspace } from './workspace-ref';

const isUp = (state: string): boolean => state === 'up' || state === 'degraded';

export const ROUTE_COMMANDS: CommandGroup = {
  summary: "The active environment's private routes: list, connect, disconnect, Test connection",
  subcommands: {
    list: {
      summary: 'Each route (vpn, jump, bastion): state, counts, latency, last error, allowed or why not',
      async run(gateway, _options, io) {
        await useSignedInAccount(gateway, io.environment);
        const value = await callChannel(gateway, 'route.list', undefined);
        return { value, text: formatRouteList(value), exitCode: 0 };
      },
    },
    connect: {
      summary: 'Brings a route up (default vpn) and reports it; exit 0 when up',
      flags: { via: VIA, 'trust-host-key': TRUST_HOST_KEY },
      async run(gateway, options, io) {
        await useSignedInAccount(gateway, io.environment);
        const value = await answeringPrompts(gateway, io, () => connectAsking(gateway, viaOf(options), options, io));
        return { value, text: formatRouteStatus(value), exitCode: isUp(value.state) ? 0 : 1 };
      },
    },
    disconnect: {
      summary: 'Takes a route down (default vpn) and stops its reconnecting',
      flags: { via: VIA },
      async run(gateway, options, io) {
        await useSignedInAccount(gateway, io.environment);
        const value = await callChannel(gateway, 'route.disconnect', { via: viaOf(options) });
        return { value, text: formatRouteStatus(value), exitCode: 0 };
      },
    },
    check: {
      summary: "Test connection to an endpoint's scoring host over a route (default vpn): each step, its time and cause; exit 1 when one fails",
      flags: { workspace: WORKSPACE, endpoint: ENDPOINT, via: VIA, 'trust-host-key': TRUST_HOST_KEY },
      async run(gateway, options, io) {
        await useSignedInAccount(gateway, io.environment);
        const via = viaOf(options);
        const request = { via, workspaceId: await resolveWorkspace(gateway, options['workspace'] ?? ''), endpointName: options['endpoint'] ?? '' };
        return answeringPrompts(gateway, io, async () => {
          let value = await callChannel(gateway, 'route.check', request);
          // A first-seen host key stops the route step: ask (or take --trust-host-key), bring the route up, check again.
          if (value.steps.some((step) => !step.ok && !step.skipped && step.code === 'E_HOST_KEY_UNKNOWN')) {
            await connectAsking(gateway, via, options, io);
            value = await callChannel(gateway, 'route.check', request);
          }
          return { value, text: formatCheck(value), exitCode: value.ok ? 0 : 1 };
        });
      },
    },
  },
};
