// `airlock test-run -w <ws> -e <ep> [-d <dep>] --data <file|-> --requests N --concurrency C [--rate R] [--via VIA]
// [--csv FILE]`: a test run through the guarded door (testRun.start), as the app's Test runs tab starts it: main
// checks the payload once and sends it N times at concurrency C over the allowed private route (connected for
// the command's duration when it is down). While it runs, a progress line on stderr at a terminal. Ctrl-C
// cancels it (testRun.cancel): requests on their way are stopped, the report of what finished is printed and the
// exit code is 1. --csv writes the samples and summary (testRun.export; the path goes to main's export port,
// never in the request). Exit 0 when every request ran and answered 2xx; 1 when any failed, or the run was
// cancelled or stopped. --json prints the report.
import { TestRunRequest } from '../../shared/contract/schemas/test-run';
import { AirlockError } from '../../shared/errors/airlock-error';
import { DATA, DEPLOYMENT, INVOKE_VIA } from './browse-flags';
import { wholeNumber, type CliCommand, type FlagCheck, type FlagSpec } from './cli-command';
import { withCommandRoute } from './command-route';
import { callChannel } from './contract-call';
import { formatTestRun, testRunProgressLine } from './format-test-run';
import { ENDPOINT, WORKSPACE } from './route-flags';
import { useSignedInAccount } from './signed-in';
import { resolveWorkspace } from './workspace-ref';
import { newFileTarget } from './file-target';

const rate: FlagCheck = (value) => {
  const n = Number(value);
  return /^\d{1,4}(\.\d{1,3})?$/.test(value) && TestRunRequest.shape.ratePerSecond.safeParse(n).success ? null : 'must be a number of requests per second from 0.1 to 1000';
};

const REQUESTS: FlagSpec = { metavar: 'N', short: 'n', needs: 'a number of requests', help: 'How many requests in all (1-10000)', required: true, check: wholeNumber(1, 10_000) };
const CONCURRENCY: FlagSpec = { metavar: 'C', short: 'c', needs: 'a number of requests at once', help: 'How many requests at once at most (1-64)', required: true, check: wholeNumber(1, 64) };
const RATE: FlagSpec = { metavar: 'R', needs: 'requests per second', help: 'Start at most R requests per second (0.1-1000; default: as fast as the concurrency allows)', check: rate };
const CSV: FlagSpec = { metavar: 'FILE', needs: 'a file name', help: 'Also write every request and the summary to this CSV file', check: newFileTarget };

export const TEST_RUN_COMMAND: CliCommand = {
  summary: 'Sends one request N times at concurrency C over the private route and reports latency percentiles and errors; exit 1 when any failed',
  flags: { workspace: WORKSPACE, endpoint: ENDPOINT, deployment: DEPLOYMENT, data: DATA, requests: REQUESTS, concurrency: CONCURRENCY, rate: RATE, via: INVOKE_VIA, csv: CSV },
  async run(gateway, options, io) {
    if (!io.readData) throw new AirlockError('E_UNAVAILABLE', { message: 'This airlock cannot read a request body here.' });
    const payload = await io.readData(options['data'] ?? '');
    await useSignedInAccount(gateway, io.environment);
    const workspaceId = await resolveWorkspace(gateway, options['workspace'] ?? '');
    const endpointName = options['endpoint'] ?? '';
    const deploymentName = options['deployment'];
    const ratePerSecond = options['rate'] === undefined ? undefined : Number(options['rate']);

    // The run's id comes with its first progress push; a Ctrl-C before it is honoured as soon as it comes.
    let runId: string | null = null;
    let stopAsked = false;
    let ended = false;
    const cancel = () => {
      if (runId && !ended) void callChannel(gateway, 'testRun.cancel', { workspaceId, endpointName, runId }).catch(() => undefined);
    };
    const unsubscribe = io.events?.subscribe((event) => {
      if (event.name !== 'testRun.progress') return;
      const progress = event.payload as Parameters<typeof testRunProgressLine>[0];
      if (runId === null) {
        runId = progress.runId;
        if (stopAsked) cancel();
      }
      if (progress.runId === runId && progress.state === 'running') io.progress?.(testRunProgressLine(progress));
    });
    void io.waitForStop?.().then(() => {
      stopAsked = true;
      cancel();
    });
    let report;
    try {
      report = await withCommandRoute(gateway, options, io, 'this test run', (via) =>
        callChannel(gateway, 'testRun.start', {
          workspaceId,
          endpointName,
          payload,
          count: Number(options['requests']),
          concurrency: Number(options['concurrency']),
          ...(deploymentName === undefined ? {} : { deploymentName }),
          ...(ratePerSecond === undefined ? {} : { ratePerSecond }),
          via,
        }),
      );
    } finally {
      ended = true;
      unsubscribe?.();
      io.progress?.('');
    }
    const csv = options['csv'] === undefined ? null : await callChannel(gateway, 'testRun.export', { workspaceId, endpointName, runId: report.runId });
    const clean = report.state === 'completed' && report.failed === 0;
    return { value: report, text: formatTestRun(report, csv), exitCode: clean ? 0 : 1 };
  },
};
