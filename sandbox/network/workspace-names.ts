// Each workspace's own private-link names (azure-wire-format.md §13): `<ws-guid>.workspace.<region>.api.azureml.ms`
// → CNAME `<ws-guid>.workspace.<region>.privatelink.api.azureml.ms` → the workspace private endpoint's
// address, which its online endpoints' scoring names share. The first workspace's name is the canary a VPN
// route resolves to prove the private DNS answers. Its :443 is played by the scoring server (the only HTTPS
// service behind the sandbox's private endpoints; its certificate does not cover this name). Pure except
// for `publish`.
import type { PrivateNetwork } from '../context';
import type { Seed } from '../seed/seed-schema';

export const workspaceHostname = (workspaceId: string, region: string) => `${workspaceId}.workspace.${region}.api.azureml.ms`.toLowerCase();
export const workspacePrivateLinkName = (workspaceId: string, region: string) => `${workspaceId}.workspace.${region}.privatelink.api.azureml.ms`.toLowerCase();

function workspacesOf(seed: Pick<Seed, 'subscriptions'>) {
  return seed.subscriptions.flatMap((s) => s.resourceGroups.flatMap((rg) => rg.workspaces));
}

/** Publishes every workspace's API name on its private endpoint (address group = the workspace id). */
export function publishWorkspaceNames(network: PrivateNetwork, seed: Pick<Seed, 'subscriptions'>, loopbackPort: number): void {
  for (const ws of workspacesOf(seed)) {
    network.publish({
      hostname: workspaceHostname(ws.workspaceId, ws.location),
      port: 443,
      loopbackPort,
      cname: workspacePrivateLinkName(ws.workspaceId, ws.location),
      addressGroup: ws.workspaceId,
    });
  }
}

/** The first workspace's API name, or null when the seed has no workspace. */
export function canaryHost(seed: Pick<Seed, 'subscriptions'>): string | null {
  const first = workspacesOf(seed)[0];
  return first ? workspaceHostname(first.workspaceId, first.location) : null;
}
