// Finds the Azure Bastion host from ARM the way `az network bastion tunnel` does (azure-wire-format §14.1):
// GET the bastionHosts resource, require SKU Standard or Premium with native client support (enableTunneling),
// and take its dnsName. The URL is built on the environment's own ARM host from a checked resource id, so the
// ARM token never goes anywhere else. Never logs or returns the token; ARM's words are not copied into errors.
import { AirlockError } from '../../../../shared/errors/airlock-error';
import { codeDetail, hostDetail } from '../../../../shared/errors/details';
import type { HttpsResponse, HttpsSend } from '../../ports';
import type { ArmTokenSource, BastionEnvironment } from './bastion-ports';

export const BASTION_API_VERSION = '2024-01-01';
const TUNNEL_SKUS = new Set(['standard', 'premium']);
/** `/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Network/bastionHosts/{name}`, ARM's own characters only. */
const SEGMENT = '[A-Za-z0-9_()-][A-Za-z0-9_.()-]{0,89}';
const BASTION_ID = new RegExp(`^/subscriptions/${SEGMENT}/resourceGroups/${SEGMENT}/providers/Microsoft\\.Network/bastionHosts/(${SEGMENT})$`, 'i');
/** A DNS name (at least two labels, no port, no IP literal): what Bastion publishes as dnsName. */
const DNS_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export interface BastionHost {
  readonly id: string;
  readonly name: string;
  readonly sku: string;
  /** Where the token exchange and the WebSocket go (`bst-<guid>.bastion.azure.com`). */
  readonly dnsName: string;
}

export interface BastionHostDeps {
  readonly environment: Pick<BastionEnvironment, 'armEndpoint' | 'armScope'>;
  readonly armToken: ArmTokenSource;
  readonly send: HttpsSend;
}

export async function findBastionHost(deps: BastionHostDeps, bastionResourceId: string): Promise<BastionHost> {
  const name = BASTION_ID.exec(bastionResourceId)?.[1];
  if (!name) {
    throw new AirlockError('E_CONFIG_INVALID', {
      message: 'The environment names its Azure Bastion host with something that is not a Bastion resource id, so Airlock did not ask Azure for it.',
      details: { field: 'network.bastion.bastionResourceId' },
    });
  }
  const base = new URL(deps.environment.armEndpoint);
  const url = new URL(`${base.origin}${bastionResourceId}?api-version=${BASTION_API_VERSION}`);
  if (url.origin !== base.origin) throw new AirlockError('E_CONFIG_INVALID', { details: { field: 'network.bastion.bastionResourceId' } });

  const token = await deps.armToken(deps.environment.armScope);
  let response: HttpsResponse;
  try {
    response = await deps.send({ method: 'GET', url: url.href, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  } catch (thrown) {
    throw transportError(thrown, base.host);
  }
  if (response.status !== 200) throw armError(response, name);
  return tunnelCapableHost(response.text, name);
}

function tunnelCapableHost(text: string, name: string): BastionHost {
  let body: { id?: unknown; name?: unknown; sku?: { name?: unknown }; properties?: { dnsName?: unknown; enableTunneling?: unknown } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = {};
  }
  const sku = typeof body?.sku?.name === 'string' ? body.sku.name : undefined;
  const dnsName = body?.properties?.dnsName;
  if (sku === undefined || typeof body.id !== 'string') {
    throw new AirlockError('E_UNAVAILABLE', { message: `Azure Resource Manager's answer for the Bastion host ${name} is not a Bastion host Airlock can read.` });
  }
  const tunneling = body.properties?.enableTunneling === true;
  if (!TUNNEL_SKUS.has(sku.toLowerCase()) || !tunneling) {
    // The CLI's own precondition (custom.py): 'Bastion Host SKU must be Standard or Premium and Native Client must be enabled.'
    throw new AirlockError('E_BASTION_REFUSED', {
      message: `The Azure Bastion host ${name} cannot carry a native-client tunnel: its SKU must be Standard or Premium and native client support must be on (it is ${sku}, native client support ${tunneling ? 'on' : 'off'}).`,
      hint: 'Ask your Azure administrator to use the Standard or Premium SKU and turn on native client support for this Bastion host.',
      details: { reason: tunneling ? 'sku' : 'tunneling-off' },
    });
  }
  if (typeof dnsName !== 'string' || !DNS_NAME.test(dnsName) || /^[0-9.]+$/.test(dnsName)) {
    throw new AirlockError('E_UNAVAILABLE', { message: `Azure Resource Manager gave the Bastion host ${name} no usable DNS name, so Airlock cannot reach it.` });
  }
  return { id: body.id, name: typeof body.name === 'string' ? body.name : name, sku, dnsName: dnsName.toLowerCase() };
}

function armError(response: HttpsResponse, name: string): AirlockError {
  let armCode: string | undefined;
  try {
    armCode = codeDetail((JSON.parse(response.text) as { error?: { code?: unknown } }).error?.code);
  } catch {
    // no ARM error body
  }
  const status = response.status;
  const details = { status, ...(armCode === undefined ? {} : { armCode }) };
  switch (status) {
    case 401:
      return new AirlockError('E_AUTH_REQUIRED', { message: 'Azure Resource Manager did not accept your sign-in while Airlock looked up the Bastion host.', hint: 'Sign in again.', details });
    case 403:
      // The tunnel needs Reader on the Bastion host (and on the VM and its network interface): the route is refused.
      return new AirlockError('E_BASTION_REFUSED', {
        message: `Azure says your role does not allow reading the Bastion host ${name}, so the Bastion route cannot open.`,
        details: { status, ...(armCode === undefined ? {} : { reason: armCode }) },
      });
    case 404:
      return new AirlockError('E_NOT_FOUND', { message: `The Bastion host ${name} named by this environment does not exist, or your account cannot see it.`, details });
    case 429: {
      const seconds = Number(response.headers['retry-after']);
      return new AirlockError('E_RATE_LIMITED', { details: { ...details, ...(Number.isFinite(seconds) ? { retryAfterSeconds: seconds } : {}) } });
    }
    default:
      return new AirlockError('E_UNAVAILABLE', { message: `Azure Resource Manager did not answer as expected while Airlock looked up the Bastion host ${name}.`, details });
  }
}

function transportError(thrown: unknown, host: string): AirlockError {
  const code = codeDetail((thrown as { code?: unknown } | null)?.code);
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return new AirlockError('E_TLS', { message: "Azure Resource Manager's certificate could not be verified, so Airlock did not send your sign-in.", details: { reason: code } });
  }
  const hostName = hostDetail(host);
  return new AirlockError('E_UNAVAILABLE', {
    message: 'Azure Resource Manager could not be reached to look up the Bastion host.',
    details: { ...(hostName === undefined ? {} : { host: hostName }), ...(code === undefined ? {} : { reason: code }) },
  });
}
