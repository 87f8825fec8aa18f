// The global `--environment E`: which environment a command acts in, by id (`Sandbox`, `AzureCloud`,
// `custom-contoso`), by the name in its file (`contoso`) or by display name, case-insensitively, among the
// environments app.info lists (a file given there was loaded by main.ts and is named by its id). None or
// several is refused in words, never guessed.
import type { InProcessGateway } from '../services';
import type { EnvironmentSummary } from '../../shared/contract/schemas/app';
import { AirlockError } from '../../shared/errors/airlock-error';
import { callChannel } from './contract-call';
import { inert } from './inert';

export function matchEnvironment(environments: readonly EnvironmentSummary[], given: string): EnvironmentSummary {
  const wanted = given.toLowerCase();
  const by = (test: (e: EnvironmentSummary) => boolean) => environments.filter(test);
  let found = by((e) => e.id.toLowerCase() === wanted);
  if (found.length === 0) found = by((e) => e.id.toLowerCase() === `custom-${wanted}`);
  if (found.length === 0) found = by((e) => e.displayName.toLowerCase() === wanted);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    throw new AirlockError('E_NOT_FOUND', {
      message: `Airlock knows no environment named '${inert(given, 80)}'. It knows: ${environments.map((e) => e.id).join(', ')}.`,
      hint: 'Give one of those, or an environment file (airlock env add <environment.json> remembers one).',
    });
  }
  throw new AirlockError('E_BAD_REQUEST', { message: `'${inert(given, 80)}' names ${found.length} environments: ${found.map((e) => e.id).join(', ')}.`, hint: 'Give its id.' });
}

/** The chosen environment's id: --environment when given, else the default (the sandbox in development), else the first. */
export async function chosenEnvironment(gateway: InProcessGateway, given: string | undefined): Promise<EnvironmentSummary> {
  const info = await callChannel(gateway, 'app.info', undefined);
  if (given !== undefined) return matchEnvironment(info.environments, given);
  const fallback = info.environments.find((e) => e.id === info.defaultEnvironmentId) ?? info.environments[0];
  if (!fallback) throw new AirlockError('E_CONFIG_INVALID', { message: 'Airlock knows no environment to sign in to.', hint: 'Add one with airlock env add <environment.json>.' });
  return fallback;
}
