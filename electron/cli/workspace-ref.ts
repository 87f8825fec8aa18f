// `-w <workspace>`: a workspace's ARM id as is; `<resourceGroup>/<name>` as the app shows it; else its name
// (or display name) among the workspaces the signed-in account sees (workspace.list through the guarded door).
// A reference that matches none or several is refused in words, never guessed.
import type { InProcessGateway } from '../services';
import { AirlockError } from '../../shared/errors/airlock-error';
import { callChannel } from './contract-call';
import { inert } from './inert';

export async function resolveWorkspace(gateway: InProcessGateway, given: string): Promise<string> {
  if (given.startsWith('/subscriptions/')) return given;
  const { workspaces } = await callChannel(gateway, 'workspace.list', undefined);
  const wanted = given.toLowerCase();
  const slash = wanted.indexOf('/');
  let found =
    slash > 0
      ? workspaces.filter((w) => w.resourceGroup.toLowerCase() === wanted.slice(0, slash) && w.name.toLowerCase() === wanted.slice(slash + 1))
      : workspaces.filter((w) => w.name.toLowerCase() === wanted);
  if (found.length === 0) found = workspaces.filter((w) => w.displayName.toLowerCase() === wanted);
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) {
    throw new AirlockError('E_NOT_FOUND', {
      message: `The signed-in account sees no workspace named '${inert(given, 120)}'.`,
      hint: "Give the workspace as <resourceGroup>/<name> (airlock workspaces lists them), its name, or its ARM id (/subscriptions/…/workspaces/<name>).",
    });
  }
  throw new AirlockError('E_BAD_REQUEST', {
    message: `'${inert(given, 120)}' names ${found.length} workspaces: ${found.map((w) => `${inert(w.resourceGroup, 90)}/${inert(w.name, 64)}`).join(', ')}.`,
    hint: 'Give the one you mean as <resourceGroup>/<name>, or its ARM id, with -w.',
  });
}
