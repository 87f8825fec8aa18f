// The window probe: a small program the security gate bundles and runs with plain `node` in a child process.
// It loads the BUILT main bundle (argv[2]) exactly as Electron would, with only 'electron' replaced by a
// recording stand-in (recording-electron.ts), lets the app start (ready fires at once, packaged = true, as an
// installed app), and writes to argv[3] what the bundle did (probe-report.ts): every window and view with its
// options, command-line switches, listeners, trust calls, and the environment and Node TLS defaults it changed.
// argv[4] is the userData folder to report (the gate's own temp dir, removed afterwards).
//
// It judges nothing (window-check.ts and app-trust-check.ts do) and must never open a real window, a port, or
// touch the user's files: userData is the gate's temp dir, and every Electron API it does not model is an inert stub.
import Module from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import type { ProbeReport } from './probe-report';
import { recordingElectron, type Recording } from './recording-electron';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Names of the variables that differ between `before` and the environment now. */
function changedEnvironment(before: NodeJS.ProcessEnv): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(process.env)]);
  return [...names].filter((name) => before[name] !== process.env[name]).sort();
}

function main(): void {
  const [mainBundle, reportFile, userData] = process.argv.slice(2);
  if (!mainBundle || !reportFile || !userData) throw new Error('usage: window-probe <main.cjs> <report.json> <userData dir>');
  mkdirSync(userData, { recursive: true });
  const record: Recording = { windows: [], loadedUrls: [], enableSandboxBeforeReady: false, failures: [], commandLine: [], listeners: [], trustCalls: [] };
  const { electron, becomeReady } = recordingElectron(record, userData);
  const loader = Module as unknown as { _load: Load };
  const load = loader._load;
  loader._load = function (request, parent, isMain) {
    return request === 'electron' ? electron : load.call(this, request, parent, isMain);
  };
  process.on('uncaughtException', (error) => void record.failures.push(`uncaught: ${error.name}: ${error.message}`));
  process.on('unhandledRejection', (reason) => void record.failures.push(`unhandled rejection: ${String(reason)}`));
  const environmentBefore = { ...process.env };

  const finish = () => {
    const agentOptions = https.globalAgent.options as { rejectUnauthorized?: boolean };
    const report: ProbeReport = {
      ...record,
      envChanged: changedEnvironment(environmentBefore),
      nodeTls: { globalAgentRejectUnauthorized: agentOptions.rejectUnauthorized ?? null, defaultMinVersion: tls.DEFAULT_MIN_VERSION },
    };
    writeFileSync(reportFile, JSON.stringify(report));
    process.exit(0);
  };
  // Done once the app has loaded a page (then a moment for any further window) or failed; else give up.
  const giveUp = setTimeout(finish, 20_000);
  const poll = setInterval(() => {
    if (record.loadedUrls.length > 0 || record.failures.length > 0) {
      clearInterval(poll);
      clearTimeout(giveUp);
      setTimeout(finish, 100);
    }
  }, 10);
  const bundle = path.resolve(mainBundle);
  Module.createRequire(bundle)(bundle);
  setImmediate(becomeReady); // ready comes whether or not the app asked for it (app.on('ready') works too)
}

main();
