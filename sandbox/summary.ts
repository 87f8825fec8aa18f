// The few lines `npm run sandbox` prints: where each part listens, who can sign in, where the details are.
import path from 'node:path';
import type { SandboxEnvironment } from './environment/environment-file';

/** The --state-dir the `code` command needs to find this sandbox (none for the default .sandbox here). */
function stateDirFlag(environmentPath: string): string {
  const dir = path.dirname(environmentPath);
  return dir === path.resolve('.sandbox') ? '' : ` --state-dir ${path.relative(process.cwd(), dir) || '.'}`;
}

/** The Bastion host's dnsName, as servicePorts names it. */
const bastionDnsName = (env: SandboxEnvironment) => Object.keys(env.network.servicePorts).find((k) => k.endsWith('.bastion.sandbox.test:443'))?.replace(/:443$/, '') ?? 'none';

export function summary(env: SandboxEnvironment, environmentPath: string, startedInMs: number): string {
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  const scoringHosts = Object.keys(env.dnsMap.servicePorts).filter((h) => h.includes('.inference.'));
  const lines = [
    `Airlock sandbox is running (started in ${(startedInMs / 1000).toFixed(1)} s)`,
    `  Sign-in    ${env.authority}  (client ${env.clientId})`,
    `  ARM        ${env.armEndpoint}  (subscription ${env.subscriptionId})`,
    `  Scoring    ${scoringHosts.length} private endpoint(s): ${hostsLine(scoringHosts.map((h) => h.replace(/:443$/, '')))}`,
    `  Jump host  ssh -p ${env.jumpHost.port} <login>@${env.jumpHost.host}  (host key ${env.jumpHost.hostKeySha256})`,
    `  Bastion    ${env.bastion.endpoint}  (ARM ${env.network.bastion.bastionResourceId.split('/').slice(-2).join('/')}, dnsName ${bastionDnsName(env)})`,
    `  DNS        ${env.network.dnsServer.host}:${env.network.dnsServer.port}  (UDP and TCP; private answers for ${env.network.canaryHost} and the scoring hosts)`,
    `  Syslog     ${env.syslog.host}:${env.syslog.port}  (TLS, RFC 5425; audit forwarding lands in ${rel(env.syslog.receivedFile)})`,
    `  CA         ${rel(env.caCertPath)}  (trust it explicitly; it is never installed system-wide)`,
    `  Users      ${env.users.map((u) => `${u.username} (MFA ${u.mfa})`).join(', ')}`,
    `  MFA codes  npm run sandbox -- code <user>${stateDirFlag(environmentPath)}  (the demo user's current one-time code)`,
    `Environment file: ${rel(environmentPath)}  (passwords, TOTP secrets and SSH keys of the demo users)`,
    'Press Ctrl-C to stop.',
    '',
  ];
  return lines.join('\n');
}

/** Hosts shown in the banner: the built-in seed's few in full; a large seed's first ones and how many more. */
const HOSTS_SHOWN = 5;

function hostsLine(hosts: readonly string[]): string {
  if (hosts.length <= HOSTS_SHOWN) return hosts.join(', ');
  return `${hosts.slice(0, HOSTS_SHOWN).join(', ')} and ${(hosts.length - HOSTS_SHOWN).toLocaleString('en-US')} more`;
}
