// `-w <workspace>` for the route and tunnel commands: a workspace's ARM id as is, else its name (or display
// name) among the workspaces the signed-in account sees (workspace.list through the guarded door). A name
// that matches none or several is refused in words, never guessed.
import type { InProcessGateway } from '../services';
import { AirlockError } from '../../shared/errors/airlock-error';
import { callChannel } from './contract-call';

export async function resolveWorkspace(gateway: InProcessGateway, given: string): Promise<string> {
  if (given.startsWith('/subscriptions/')) return given;
  const { workspaces } = await callChannel(gateway, 'workspace.list', undefined);
  const wanted = given.toLowerCase();
  let found = workspaces.filter((w) => w.name.toLowerCase() === wanted);
  if (found.length === 0) found = workspaces.filter((w) => w.displayName.toLowerCase() === wanted);
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) {
    throw new AirlockError('E_NOT_FOUND', {
      message: `The signed-in account sees no workspace named '${given}'.`,
      hint: "Give the workspace's name as Azure shows it, or its ARM id (/subscriptions/…/workspaces/<name>).",
    });
  }
  throw new AirlockError('E_BAD_REQUEST', {
    message: `'${given}' names ${found.length} workspaces: ${found.map((w) => w.id).join(', ')}.`,
    hint: 'Give the ARM id of the one you mean with -w.',
  });
}
