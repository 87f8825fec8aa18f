// An online endpoint's scoring host, read from ARM (properties.scoringUri), for private routes: Test connection
// and local forwards dial this name, so it must come from Azure, never from the renderer, and it must be an
// https URL under the environment's inference DNS suffix — anything else is refused, not dialled.
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Environment } from '../environments';
import type { ArmReader } from './arm-reader';

const ENDPOINT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,31}$/;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export async function readEndpointHost(arm: ArmReader, environment: Environment, workspaceId: string, endpointName: string, apiVersion: string): Promise<string> {
  if (!ENDPOINT_NAME.test(endpointName)) throw new AirlockError('E_BAD_REQUEST', { message: 'That is not an online endpoint name.' });
  const body = (await arm.read(`${workspaceId}/onlineEndpoints/${endpointName}`, apiVersion)) as { properties?: { scoringUri?: unknown } } | null;
  const scoringUri = body?.properties?.scoringUri;
  let url: URL | null = null;
  try {
    url = typeof scoringUri === 'string' ? new URL(scoringUri) : null;
  } catch {
    url = null;
  }
  const host = url?.hostname.toLowerCase() ?? '';
  const suffix = environment.inferenceDnsSuffix.toLowerCase();
  if (!url || url.protocol !== 'https:' || !DNS_NAME.test(host) || !host.endsWith(`.${suffix}`) || (url.port !== '' && url.port !== '443')) {
    throw new AirlockError('E_UNAVAILABLE', {
      message: `Azure did not give a usable scoring address for the endpoint ${endpointName} (an https name under ${suffix} was expected), so Airlock did not connect to it.`,
    });
  }
  return host;
}
