// Starts the sandbox's parts in dependency order — identity provider, endpoint credentials, scoring hosts
// and workspace names (published on the private network), ARM, SSH jump host, Bastion, the private DNS
// server, the syslog collector — then writes environment.json.
// stop() closes them in reverse order. Used by `npm run sandbox` and by integration tests.
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startArm } from './arm';
import type { RunningPart, SandboxContext, SandboxLog } from './context';
import { openEndpointCredentials } from './endpoint-credentials/endpoint-credentials';
import { writeEnvironmentFile, type SandboxEnvironment } from './environment/environment-file';
import { startIdentityProvider } from './idp';
import { startBastion } from './network/bastion';
import { BASTION_PUBLIC_ADDRESS, bastionHost } from './network/bastion-host';
import { startDnsServer, type DnsServer } from './network/dns/dns-server';
import { startJumpHost } from './network/jump-host';
import { watchNetworkControl } from './network/network-control';
import { createNetworkMode, type NetworkMode, type VpnState } from './network/network-mode';
import { createPrivateNetwork } from './network/private-network';
import { canaryHost, publishWorkspaceNames } from './network/workspace-names';
import { openCertificateAuthority } from './pki/certificate-authority';
import { endpointResourceId, startScoring } from './scoring';
import { loadSeed } from './seed/load-seed';
import type { Seed } from './seed/seed-schema';
import { startSyslogReceiver, type SyslogReceiver } from './syslog';

export interface StartSandboxOptions {
  readonly stateDir: string;
  /** A seed object (tests) or a seed file path; the default seed otherwise. */
  readonly seed?: Seed;
  readonly seedPath?: string;
  readonly log?: SandboxLog;
  readonly now?: () => Date;
  /** Tests only: a recognisable string the IdP plants in every token it mints, for leak scans. */
  readonly tokenMarker?: string;
  /**
   * VPN on (private DNS answers, the default) or off (public answers) at start; flip later with `network.mode`
   * in process, or from another process through `<state-dir>/network-mode.json` (network-control.ts).
   */
  readonly vpn?: VpnState;
}

/** The ranges a private DNS answer must fall in (RFC 1918 and the carrier-grade NAT space). */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] as const;
/** What `az network bastion` mints the Bastion aztoken for (azure-wire-format.md §15). */
export const ARM_LEGACY_SCOPE = 'https://management.core.windows.net//.default';

export interface RunningSandbox {
  readonly environment: SandboxEnvironment;
  readonly environmentPath: string;
  readonly context: SandboxContext;
  /** The syslog collector (tests read what it received and play outages with it). */
  readonly syslog: SyslogReceiver;
  /** The private network's mode (VPN on/off, a silent resolver) and its DNS server, for tests and the control file. */
  readonly network: { readonly mode: NetworkMode; readonly dns: DnsServer };
  stop(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const stateDir = path.resolve(options.stateDir);
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  await chmod(stateDir, 0o700); // mkdir leaves an existing directory's mode alone; it holds private keys
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? (await loadSeed(options.seedPath));
  const ca = await openCertificateAuthority(stateDir, now);
  const ctx: SandboxContext = { stateDir, seed, ca, now, host: '127.0.0.1', log: options.log ?? (() => undefined) };

  const parts: RunningPart[] = [];
  const stopAll = async () => {
    for (const part of parts.reverse()) {
      await part.stop().catch((error: unknown) => ctx.log('sandbox.stop_failed', { part: part.name, error: String(error) }));
    }
  };

  try {
    const idp = await startIdentityProvider(ctx, options.tokenMarker ? { tokenMarker: options.tokenMarker } : {});
    parts.push(idp);

    const workspaces = seed.subscriptions.flatMap((s) =>
      s.resourceGroups.flatMap((rg) => rg.workspaces.map((ws) => ({ subscriptionId: s.subscriptionId, resourceGroup: rg.name, ws }))),
    );
    const endpointIds = workspaces.flatMap(({ subscriptionId, resourceGroup, ws }) =>
      ws.onlineEndpoints.map((ep) => endpointResourceId(subscriptionId, resourceGroup, ws.name, ep.name)),
    );
    const credentials = await openEndpointCredentials({ stateDir, endpointIds, now });
    const network = createPrivateNetwork();
    const mode = createNetworkMode({ vpn: options.vpn ?? 'on' });

    const scoring = await startScoring(ctx, { network, credentials, verifier: idp.verifier, authority: idp.authority });
    parts.push(scoring);
    publishWorkspaceNames(network, seed, scoring.port);

    const arm = await startArm(ctx, {
      verifier: idp.verifier,
      credentials,
      authority: idp.authority,
      scoringUri: (workspace, endpoint) => `https://${endpoint.name}.${workspace.location}.inference.ml.azure.com/score`,
    });
    parts.push(arm);

    const jumpHost = await startJumpHost(ctx, { network });
    parts.push(jumpHost);

    const bastionResource = bastionHost(seed);
    const bastion = await startBastion(ctx, { verifier: idp.verifier, network, jumpHost });
    parts.push(bastion);
    network.publishPublic({ hostname: bastionResource.dnsName, port: 443, loopbackPort: bastion.port, publicAddress: BASTION_PUBLIC_ADDRESS });

    const dns = await startDnsServer(ctx, { network, mode });
    parts.push(dns);
    const control = await watchNetworkControl(ctx, mode);
    parts.push({ name: 'network-control', stop: async () => control.stop() });

    const syslog = await startSyslogReceiver(ctx);
    parts.push(syslog);

    const environment: SandboxEnvironment = {
      $schemaVersion: 1,
      name: 'sandbox',
      displayName: `Local sandbox — ${seed.tenant.displayName}`,
      kind: 'sandbox',
      createdAt: now().toISOString(),
      authority: idp.authority,
      knownAuthorities: [idp.knownAuthority],
      tenantId: seed.tenant.id,
      clientId: seed.client.id,
      armEndpoint: arm.endpoint,
      armScope: 'https://management.azure.com/.default',
      mlScope: 'https://ml.azure.com/.default',
      inferenceDnsSuffix: 'inference.ml.azure.com',
      privateDnsZones: ['privatelink.api.azureml.ms', 'privatelink.notebooks.azure.net'],
      subscriptionId: seed.subscriptions[0]!.subscriptionId,
      caCertPath: ca.certPath,
      dnsMap: { records: network.records(), servicePorts: network.servicePorts() },
      jumpHost: { host: jumpHost.host, port: jumpHost.port, hostKeySha256: jumpHost.hostKeySha256, knownHostsLine: jumpHost.knownHostsLine() },
      bastion: { endpoint: bastion.endpoint, vmResourceId: bastion.vmResourceId },
      syslog: { host: syslog.host, port: syslog.port, protocol: 'RFC 5425', caCertPath: syslog.caCertPath, receivedFile: syslog.file },
      network: {
        privateRanges: [...PRIVATE_RANGES],
        dnsServer: { host: dns.host, port: dns.port },
        servicePorts: network.addressServicePorts(),
        jumpHost: { host: jumpHost.host, port: jumpHost.port, hostKeySha256: jumpHost.hostKeySha256 },
        // The jump VM behind Bastion is the jump host's SSH server here, so its key is known and pinned.
        bastion: { bastionResourceId: bastionResource.resourceId, vmResourceId: bastion.vmResourceId, vmPort: jumpHost.privateName.port, vmHostKeySha256: jumpHost.hostKeySha256 },
        canaryHost: canaryHost(seed) ?? jumpHost.privateName.hostname,
      },
      armLegacyScope: ARM_LEGACY_SCOPE,
      users: seed.users.map((u) => {
        const ssh = jumpHost.users.find((j) => j.username === u.username);
        return {
          username: u.username,
          displayName: u.displayName,
          password: u.password,
          totpSecret: u.totpSecret,
          mfa: u.mfa,
          ...(ssh ? { sshLogin: ssh.login, sshPrivateKeyPath: ssh.privateKeyPath } : {}),
        };
      }),
    };
    const environmentPath = await writeEnvironmentFile(stateDir, environment);
    ctx.log('sandbox.started', { parts: parts.length });
    return { environment, environmentPath, context: ctx, syslog, network: { mode, dns }, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
