// The CLI's one way into the services: a contract channel through the guarded in-process door (policy
// decision and audit records, like the app's calls). A refusal or failure comes back as the typed error.
import type { Channel } from '../../shared/contract/channels';
import type { InputOf, OutputOf } from '../../shared/contract/contract';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { InProcessGateway } from '../services';

export async function callChannel<C extends Channel>(gateway: InProcessGateway, channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const result = await gateway.call(channel, input);
  if (!result.ok) throw AirlockError.fromShape(result.error);
  return result.value as OutputOf<C>;
}
