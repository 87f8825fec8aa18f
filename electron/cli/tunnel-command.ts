// `airlock tunnel -w <workspace> -e <endpoint> [--via …] [--local-port P]`: a local forward (forward.open) from
// 127.0.0.1:PORT to the endpoint's scoring host over a private route, for the user's own tools. Prints the
// address at once (ready to copy; one JSON object with --json), stays until Ctrl-C or SIGTERM, then closes the
// forward and disconnects the route only if this command connected it. Never listens beyond 127.0.0.1 (main
// decides the address), never a public fallback: a route that is not allowed or does not come up is an error.
import type { ForwardState, ForwardView } from '../../shared/contract/schemas/route';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { CliCommand } from './cli-command';
import { chooseRoute, isUp } from './command-route';
import { callChannel } from './contract-call';
import { formatTunnelClosed, formatTunnelOpen } from './format-route';
import { ENDPOINT, LOCAL_PORT, TRUST_HOST_KEY, VIA, WORKSPACE, type Via } from './route-flags';
import { answeringPrompts, connectAsking } from './route-questions';
import { useSignedInAccount } from './signed-in';
import { resolveWorkspace } from './workspace-ref';

export const TUNNEL_COMMAND: CliCommand = {
  summary: "Forwards 127.0.0.1:PORT to an endpoint's scoring host over a private route until Ctrl-C",
  flags: { workspace: WORKSPACE, endpoint: ENDPOINT, via: VIA, 'local-port': LOCAL_PORT, 'trust-host-key': TRUST_HOST_KEY },
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const workspaceId = await resolveWorkspace(gateway, options['workspace'] ?? '');
    const endpointName = options['endpoint'] ?? '';
    const localPort = options['local-port'];
    return answeringPrompts(gateway, io, async () => {
      const { routes } = await callChannel(gateway, 'route.list', undefined);
      const route = chooseRoute(routes, options['via'] as Via | undefined, 'this tunnel');
      const via = route.via;
      let connected = false;
      if (!isUp(route)) {
        await connectAsking(gateway, via, options, io);
        connected = true;
      }
      let forward: ForwardView;
      try {
        forward = await callChannel(gateway, 'forward.open', { workspaceId, endpointName, via, ...(localPort === undefined ? {} : { localPort: Number(localPort) }) });
      } catch (thrown) {
        if (connected) await callChannel(gateway, 'route.disconnect', { via }).catch(() => undefined);
        throw thrown;
      }
      // Listening for Ctrl-C before the line that says to press it: a signal sent the moment it is read must close the forward, not kill the process.
      const stopped = io.waitForStop?.() ?? new Promise<void>(() => undefined);
      io.announce?.(forward, formatTunnelOpen(forward));
      // Airlock itself may close the forward while it runs (the admin policy changed): the command ends then,
      // saying why, rather than staying up with nothing listening.
      let closedBecause: string | null = null;
      let unsubscribe: (() => void) | undefined;
      const closedByAirlock = new Promise<void>((resolve) => {
        unsubscribe = io.events?.subscribe((event) => {
          if (event.name !== 'forward.state') return;
          const state = event.payload as ForwardState;
          if (state.kind !== 'closed' || state.forward.id !== forward.id || !state.closedBecause) return;
          closedBecause = state.closedBecause;
          resolve();
        });
      });
      try {
        await Promise.race([stopped, closedByAirlock]);
      } finally {
        unsubscribe?.();
        // Close what this command opened, each step even when the one before failed.
        await callChannel(gateway, 'forward.close', { id: forward.id }).catch(() => undefined);
        if (connected) await callChannel(gateway, 'route.disconnect', { via }).catch(() => undefined);
      }
      if (closedBecause !== null) throw new AirlockError('E_POLICY_DENIED', { message: `Airlock closed the forward on ${forward.address}. ${String(closedBecause)}` });
      return { value: forward, text: formatTunnelClosed(forward, connected), exitCode: 0, printed: true };
    });
  },
};
