// `airlock invoke -w <ws> -e <ep> [-d <deployment>] --data <file|-> [--via vpn|jump|bastion]`: a test inference
// through the guarded door (endpoint.score), as the app's Test panel sends it: main checks the payload (schema,
// size limit), picks the credential from the endpoint's auth mode (never shown here), and sends it over the
// allowed private route only, connected for the command's duration when it is down (command-route.ts).
// Exit 0 for a 2xx answer, 1 otherwise; a payload main refused (E_PAYLOAD_INVALID) is an error naming the
// place and the rule (main.ts prints pointer and keyword).
// `--print curl|python` sends nothing: it reads the endpoint (scoring host, auth mode) and prints the request as a
// curl command or a Python script, the credential a placeholder variable (shared/format/copy-as.ts).
import { COPY_AS_FORMATS, copyAs, type CopyAsFormat } from '../../shared/format/copy-as';
import { AirlockError } from '../../shared/errors/airlock-error';
import { oneOf, type CliCommand, type FlagSpec } from './cli-command';
import { withCommandRoute } from './command-route';
import { callChannel } from './contract-call';
import { DATA, DEPLOYMENT, INVOKE_VIA } from './browse-flags';
import { historySaved } from './format-history';
import { formatInvoke } from './format-invoke';
import { ENDPOINT, WORKSPACE } from './route-flags';
import { useSignedInAccount } from './signed-in';
import { resolveWorkspace } from './workspace-ref';

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const PRINT: FlagSpec = { metavar: 'FORMAT', needs: 'curl or python', help: 'Print the request as a curl command or a Python script (the credential a placeholder) and send nothing', check: oneOf(COPY_AS_FORMATS) };

export const INVOKE_COMMAND: CliCommand = {
  summary: 'Sends a test request to an endpoint (or one deployment) over the private route; exit 1 when the answer is not 2xx',
  flags: { workspace: WORKSPACE, endpoint: ENDPOINT, deployment: DEPLOYMENT, data: DATA, via: INVOKE_VIA, print: PRINT },
  async run(gateway, options, io) {
    if (!io.readData) throw new AirlockError('E_UNAVAILABLE', { message: 'This airlock cannot read a request body here.' });
    // Read first: a missing file is the user's to fix before anything is asked of Azure.
    const payload = await io.readData(options['data'] ?? '');
    await useSignedInAccount(gateway, io.environment);
    const workspaceId = await resolveWorkspace(gateway, options['workspace'] ?? '');
    const deploymentName = options['deployment'];
    const format = options['print'] as CopyAsFormat | undefined;
    if (format !== undefined) {
      const endpointName = options['endpoint'] ?? '';
      const { endpoint } = await callChannel(gateway, 'endpoint.detail', { workspaceId, endpointName });
      if (endpoint.scoringHost === null) throw new AirlockError('E_UNAVAILABLE', { message: `Azure gives this endpoint no scoring address Airlock accepts, so there is no request to print.` });
      // Printed as given (it is the user's to edit), but not as if it would pass: a body that is not JSON is said so.
      if (!isJson(payload)) io.note?.('The request body is not valid JSON: Airlock would refuse to send it (E_PAYLOAD_INVALID); the snippet has it as it is.');
      const snippet = copyAs(format, { scoringHost: endpoint.scoringHost, authMode: endpoint.authMode, deploymentName, payload, endpointName, workspaceId });
      return { value: { format, snippet }, text: snippet, exitCode: 0 };
    }
    // Each run is a fresh process with no route up: connect the allowed one for this request, then disconnect.
    const value = await withCommandRoute(gateway, options, io, 'this request', (via) =>
      callChannel(gateway, 'endpoint.score', {
        workspaceId,
        endpointName: options['endpoint'] ?? '',
        payload,
        ...(deploymentName === undefined ? {} : { deploymentName }),
        via,
      }),
    );
    // The history id, so `airlock history show|rerun <id>` can follow (or why nothing was kept).
    return { value, text: `${formatInvoke(value)}${historySaved(value.historyId)}`, exitCode: value.ok && value.status >= 200 && value.status < 300 ? 0 : 1 };
  },
};
