// Loads a custom environment from a file (the sandbox's environment.json, or one an admin provides),
// validated with a schema of Airlock's own — the sandbox writes the file, but no code is shared with it.
// Fields Airlock has no use for are dropped on load: the sandbox's file also lists demo users with
// passwords and TOTP secrets, which must never live in Airlock's memory.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { BUILTIN_CLOUDS, DEFAULT_PRIVATE_RANGES } from './builtin-clouds';
import type { Environment, EnvironmentNetwork } from './environment';
import { NetworkFileSchema, SANDBOX_ONLY_NETWORK_FIELDS, type NetworkFile } from './network-schema';

const HttpsUrl = z.url({ protocol: /^https$/ });
const Scope = z.string().regex(/^https:\/\/[^\s]+\/\.default$/, 'an https resource followed by /.default');
const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a GUID');
const DnsName = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'a DNS name');

/** A file's ARM scope that is a built-in cloud's implies that cloud's legacy scope; any other must say it. */
const legacyScopeOf = (armScope: string) => BUILTIN_CLOUDS.find((cloud) => cloud.armScope === armScope)?.armLegacyScope;

export const EnvironmentFileSchema = z
  .object({
  $schemaVersion: z.literal(1),
  name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes'),
  displayName: z.string().min(1).max(128),
  kind: z.enum(['sandbox', 'custom']),
  authority: HttpsUrl,
  knownAuthorities: z.array(z.string().min(1).max(255)).max(8),
  tenantId: Guid,
  clientId: Guid,
  armEndpoint: HttpsUrl,
  armScope: Scope,
  mlScope: Scope,
  inferenceDnsSuffix: DnsName,
  privateDnsZones: z.array(DnsName).max(16),
  caCertPath: z.string().min(1).max(4096).optional(),
  /** Entra auth-context ids look like c1..c99. */
  requireMfa: z.strictObject({ authContextId: z.string().regex(/^c[0-9]{1,2}$/, 'an auth context id such as c1') }).optional(),
  /** What Azure Bastion's aztoken is minted for (azure-wire-format §15); implied for a built-in cloud's ARM scope. */
  armLegacyScope: Scope.optional(),
  /** Absent: the default private ranges and no jump host, Bastion or canary. */
  network: NetworkFileSchema.optional(),
  // Only the SSH login and key path of each user (z.object drops the rest: passwords, TOTP secrets).
  users: z.array(z.object({ username: z.string().max(256), sshLogin: z.string().regex(/^[a-z_][a-z0-9_.-]{0,31}$/i).optional(), sshPrivateKeyPath: z.string().min(1).max(4096).optional() })).max(100).optional(),
  })
  .superRefine((e, ctx) => {
    if (!e.armLegacyScope && !legacyScopeOf(e.armScope)) ctx.addIssue({ code: 'custom', path: ['armLegacyScope'], message: 'required for an ARM scope of no built-in cloud' });
    if (e.kind !== 'sandbox')
      for (const field of SANDBOX_ONLY_NETWORK_FIELDS)
        if (e.network?.[field] !== undefined) ctx.addIssue({ code: 'custom', path: ['network', field], message: 'only the local sandbox may name this' });
  });

/** Users with both an SSH login and a key path: a narrow, secret-free projection (never passwords or TOTP secrets). */
function sshUsersOf(users: ReadonlyArray<{ username: string; sshLogin?: string | undefined; sshPrivateKeyPath?: string | undefined }> | undefined): Environment['sshUsers'] & object {
  return (users ?? []).flatMap((u) => (u.sshLogin && u.sshPrivateKeyPath ? [Object.freeze({ username: u.username, login: u.sshLogin, privateKeyPath: u.sshPrivateKeyPath })] : []));
}

function networkOf(file: NetworkFile | undefined): EnvironmentNetwork {
  if (!file) return { privateRanges: DEFAULT_PRIVATE_RANGES };
  const { privateRanges, jumpHost, bastion, canaryHost, dnsServer, servicePorts } = file;
  return {
    privateRanges,
    ...(jumpHost ? { jumpHost: { host: jumpHost.host, port: jumpHost.port, ...(jumpHost.hostKeySha256 ? { hostKeySha256: jumpHost.hostKeySha256 } : {}) } } : {}),
    ...(bastion ? { bastion: { bastionResourceId: bastion.bastionResourceId, vmResourceId: bastion.vmResourceId, vmPort: bastion.vmPort, ...(bastion.vmHostKeySha256 ? { vmHostKeySha256: bastion.vmHostKeySha256 } : {}) } } : {}),
    ...(canaryHost ? { canaryHost } : {}),
    ...(dnsServer ? { dnsServer: { host: dnsServer.host, port: dnsServer.port } } : {}),
    ...(servicePorts ? { servicePorts: { ...servicePorts } } : {}),
  };
}

export async function loadEnvironmentFile(file: string): Promise<Environment> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // Missing, a folder, or not readable: say which, not "not JSON".
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'could not be read (no permission)' : 'could not be read';
    throw new AirlockError('E_CONFIG_INVALID', {
      message: `The environment file ${what}, so Airlock did not use it.`,
      hint: 'Check the path (the sandbox writes .sandbox/environment.json when it starts), or ask your administrator for the file.',
      details: { file },
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AirlockError('E_CONFIG_INVALID', { message: 'The environment file could not be read as JSON, so Airlock did not use it.', details: { file } });
  }
  const parsed = EnvironmentFileSchema.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || '(root)';
    throw new AirlockError('E_CONFIG_INVALID', {
      message: `The environment file is not valid (field "${field}"), so Airlock did not use it.`,
      details: { file: file.slice(-200), field: field.slice(0, 64) },
    });
  }
  const e = parsed.data;
  return {
    id: e.kind === 'sandbox' ? 'Sandbox' : `custom-${e.name}`,
    displayName: e.displayName,
    kind: e.kind,
    authorityHost: new URL(e.authority).origin,
    authority: e.authority,
    knownAuthorities: e.knownAuthorities,
    tenantId: e.tenantId,
    clientId: e.clientId,
    armEndpoint: e.armEndpoint,
    armScope: e.armScope,
    mlScope: e.mlScope,
    inferenceDnsSuffix: e.inferenceDnsSuffix,
    privateDnsZones: e.privateDnsZones,
    ...(e.caCertPath ? { caCertPath: e.caCertPath } : {}),
    ...(e.requireMfa ? { requireMfa: { authContextId: e.requireMfa.authContextId } } : {}),
    // The refinement above guarantees one of the two.
    armLegacyScope: e.armLegacyScope ?? legacyScopeOf(e.armScope)!,
    network: networkOf(e.network),
    ...(sshUsersOf(e.users).length > 0 ? { sshUsers: sshUsersOf(e.users) } : {}),
  };
}
