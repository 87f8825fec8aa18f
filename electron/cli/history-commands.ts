// `airlock history [list] | show <ID> | rerun <ID> | rm <ID>|--all`: the local history of test requests through
// the guarded door (history.list|get|remove, endpoint.score), like the app's History: the signed-in account's
// own entries in its environment. `rerun` sends the kept payload again to the same workspace, endpoint,
// deployment and route (history.get → endpoint.score; the route connected for the command's duration when it
// is down, as `airlock invoke` does), and is itself kept; exit 1 when its answer is not 2xx.
// Bodies are the user's own data, printed inert; no credential was ever kept, so none can be printed.
import { HistoryId, HistoryListRequest } from '../../shared/contract/schemas/history';
import { EndpointName } from '../../shared/contract/schemas/route';
import { schemaCheck, wholeNumber, type CliCommand, type CommandGroup, type FlagSpec } from './cli-command';
import { withCommandRoute } from './command-route';
import { callChannel } from './contract-call';
import { formatHistoryEntry, formatHistoryList, historySaved } from './format-history';
import { formatInvoke } from './format-invoke';
import { WORKSPACE } from './route-flags';
import { useSignedInAccount } from './signed-in';
import { resolveWorkspace } from './workspace-ref';

const ID = { name: 'id', metavar: 'ID', help: 'The history entry (its ID in airlock history)' } as const;
const checkId = schemaCheck(HistoryId);
const idProblem = (id: string | undefined): string | null => (id === undefined ? null : ((p) => (p ? `ID ${p}` : null))(checkId(id)));

const LIST_FLAGS: Readonly<Record<string, FlagSpec>> = {
  workspace: { ...WORKSPACE, required: false, help: 'Only this workspace: <resourceGroup>/<name>, its name, or its ARM id' },
  endpoint: { metavar: 'EP', short: 'e', needs: 'an endpoint name', help: 'Only this online endpoint', check: schemaCheck(EndpointName) },
  limit: { metavar: 'N', needs: 'a number', help: 'How many entries, newest first (1-500, default 100)', check: wholeNumber(1, 500) },
  before: { metavar: 'ID', needs: 'an entry id', help: 'Only entries older than this one (the next page)', check: schemaCheck(HistoryListRequest.shape.before.unwrap()) },
};

const LIST: CliCommand = {
  summary: 'Your test requests kept on this device, newest first (the default)',
  flags: LIST_FLAGS,
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const ws = options['workspace'];
    const workspaceId = ws === undefined ? undefined : await resolveWorkspace(gateway, ws);
    const [endpointName, limit, before] = [options['endpoint'], options['limit'], options['before']];
    const value = await callChannel(gateway, 'history.list', {
      ...(workspaceId === undefined ? {} : { workspaceId }),
      ...(endpointName === undefined ? {} : { endpointName }),
      limit: limit === undefined ? 100 : Number(limit),
      ...(before === undefined ? {} : { before }),
    });
    return { value, text: formatHistoryList(value), exitCode: 0 };
  },
};

const SHOW: CliCommand = {
  summary: 'One kept test request whole: the payload as sent and the response',
  argument: ID,
  check: (options) => idProblem(options['id']),
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const value = await callChannel(gateway, 'history.get', { id: options['id'] ?? '' });
    return { value, text: formatHistoryEntry(value), exitCode: 0 };
  },
};

const RERUN: CliCommand = {
  summary: 'Sends a kept test request again (same target, payload and route); exit 1 when the answer is not 2xx',
  argument: ID,
  check: (options) => idProblem(options['id']),
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const { summary, payload } = await callChannel(gateway, 'history.get', { id: options['id'] ?? '' });
    // Each run is a fresh process with no route up: the kept route is connected for this request, then dropped.
    const value = await withCommandRoute(gateway, { ...options, via: summary.via }, io, 'this request', (via) =>
      callChannel(gateway, 'endpoint.score', {
        workspaceId: summary.workspaceId,
        endpointName: summary.endpointName,
        ...(summary.deploymentName === null ? {} : { deploymentName: summary.deploymentName }),
        payload,
        via,
      }),
    );
    return { value, text: `${formatInvoke(value)}${historySaved(value.historyId)}`, exitCode: value.ok && value.status >= 200 && value.status < 300 ? 0 : 1 };
  },
};

const REMOVE: CliCommand = {
  summary: 'Deletes one kept test request, or all of yours (--all)',
  argument: { ...ID, optional: true },
  flags: { all: { metavar: '', switch: true, needs: '', help: 'Every entry of the signed-in account in this environment' } },
  check: (options) =>
    options['id'] !== undefined && options['all'] !== undefined
      ? 'give an entry ID or --all, not both'
      : options['id'] === undefined && options['all'] === undefined
        ? 'history rm needs an entry ID, or --all'
        : idProblem(options['id']),
  async run(gateway, options, io) {
    await useSignedInAccount(gateway, io.environment);
    const id = options['id'];
    const value = await callChannel(gateway, 'history.remove', id === undefined ? { all: true } : { id });
    return { value, text: `Deleted ${value.deleted} ${value.deleted === 1 ? 'entry' : 'entries'} from your history.\n`, exitCode: 0 };
  },
};

export const HISTORY_COMMANDS: CommandGroup = {
  summary: 'Your test requests kept on this device (encrypted): list, show, re-run, remove',
  default: 'list',
  subcommands: { list: LIST, show: SHOW, rerun: RERUN, rm: REMOVE },
};
