// `npm run preview`: a thin command over the Chromium host (electron/preview). Builds the renderer, starts
// the local sandbox (a separate process) as the default environment, opens Airlock in Chromium — a window
// when there is a display, else headless — and writes a screenshot. Sign-in pages and links open as new
// windows of the same Chromium. Any failure is one plain line and a non-zero exit, and whatever preview
// started (the sandbox, Chromium) is stopped first. Never prints a stack trace.
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChromiumHost, ChromiumHostOptions } from '../electron/preview';
import { buildAll, RENDERER_DIST, ROOT } from './build';
import { DEFAULT_SANDBOX_STATE_DIR, startSandboxProcess, type SandboxProcess } from './sandbox-process';

export const SECTIONS = ['workspaces', 'endpoints', 'connections', 'audit', 'settings'] as const;
export const THEMES = ['light', 'dark', 'high-contrast'] as const;

export const PREVIEW_USAGE = `Usage: npm run preview -- [options]

Airlock's UI in Chromium, bound to the real services, with the local sandbox as the default environment.
Opens a window when there is a display (for example under xvfb-run), else runs headless; either way it
writes a screenshot to test-results/preview/ and prints its path.

Options:
  --section <name>   workspaces, endpoints, connections, audit or settings (default: workspaces)
  --theme <name>     light, dark or high-contrast (default: light)
  --headless         no window: write the screenshot and stop
  --no-sandbox       do not start the local sandbox; built-in clouds only
  --state-dir <dir>  the sandbox's state folder (default: .sandbox)
  -h, --help         show this help

Environment:
  AIRLOCK_CHROMIUM   a Chromium or Chrome binary to use instead of Debian's chromium
`;

export interface PreviewOptions {
  readonly help: boolean;
  readonly section: (typeof SECTIONS)[number];
  readonly theme: (typeof THEMES)[number];
  /** --headless given; preview also runs headless when there is no display. */
  readonly headless: boolean;
  readonly sandbox: boolean;
  readonly stateDir: string;
}

/** A command line preview cannot run: said in one line, followed by the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Node's parseArgs errors, in the words this command uses. */
function usageErrorOf(thrown: unknown): UsageError {
  const error = thrown as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(error.message ?? '')?.[1] ?? '';
  const option = quoted.split(' ')[0]!;
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${option}`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument "${quoted}"`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(/does not take an argument/.test(error.message ?? '') ? `${option} takes no value` : `${option} needs a value`);
    default:
      return new UsageError((error.message ?? 'the command line could not be read').split(/[.\n]/)[0]);
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (not "${value.slice(0, 40)}")`);
}

export function parsePreviewArgs(argv: readonly string[]): PreviewOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        headless: { type: 'boolean', default: false },
        section: { type: 'string', default: 'workspaces' },
        theme: { type: 'string', default: 'light' },
        'no-sandbox': { type: 'boolean', default: false },
        'state-dir': { type: 'string' },
      },
    }));
  } catch (thrown) {
    throw usageErrorOf(thrown);
  }
  const stateDirGiven = values['state-dir'];
  if (values['no-sandbox'] && stateDirGiven !== undefined) throw new UsageError("--state-dir is the sandbox's folder: it cannot go with --no-sandbox");
  const stateDir = stateDirGiven === undefined ? DEFAULT_SANDBOX_STATE_DIR : path.resolve(stateDirGiven);
  let isFile = false;
  try {
    isFile = !statSync(stateDir).isDirectory();
  } catch {
    // missing: the sandbox creates it
  }
  if (isFile) throw new UsageError(`--state-dir ${stateDirGiven ?? stateDir} is a file, not a folder`);
  return {
    help: values.help,
    section: oneOf('--section', values.section, SECTIONS),
    theme: oneOf('--theme', values.theme, THEMES),
    headless: values.headless,
    sandbox: !values['no-sandbox'],
    stateDir,
  };
}

/** The screenshot of a run: sandbox and --no-sandbox runs never overwrite each other's. */
export function screenshotPath(options: Pick<PreviewOptions, 'section' | 'theme' | 'sandbox'>): string {
  return path.join(ROOT, 'test-results', 'preview', `airlock-${options.section}-${options.theme}${options.sandbox ? '' : '-no-sandbox'}.png`);
}

export interface RunningPreview {
  readonly host: ChromiumHost;
  readonly sandbox: SandboxProcess | null;
  readonly headless: boolean;
  readonly screenshot: string;
  /** Closes Chromium, then stops the sandbox preview started. Safe to call twice. */
  stop(): Promise<void>;
}

/** What tests may watch of a run (leak scans); the user's command passes nothing. */
export type PreviewObservers = Pick<ChromiumHostOptions, 'onIpcResult' | 'onEvent' | 'logger'>;

/** Everything `npm run preview` does up to the screenshot; on failure, stops what it started and throws. */
export async function startPreview(options: PreviewOptions, observers: PreviewObservers = {}): Promise<RunningPreview> {
  // Loaded here, not at the top: --help and a bad flag answer without loading Chromium's driver and the services.
  const { findChromium, launchChromiumHost } = await import('../electron/preview');
  findChromium(); // before anything starts: a missing Chromium is said at once
  const headless = options.headless || !(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
  await buildAll({ mode: 'production', targets: ['renderer'] });
  const sandbox = options.sandbox ? await startSandboxProcess(options.stateDir) : null;
  let host: ChromiumHost | null = null;
  const stop = async () => {
    await host?.close().catch(() => undefined);
    await sandbox?.stop();
  };
  try {
    host = await launchChromiumHost({
      rendererDir: RENDERER_DIST,
      ...(sandbox ? { environmentFile: sandbox.environmentPath } : {}),
      headless,
      colorScheme: options.theme === 'dark' ? 'dark' : 'light',
      forcedColors: options.theme === 'high-contrast' ? 'active' : 'none',
      ...observers,
    });
    await host.page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    await host.page.locator(`[data-section="${options.section}"]`).click();
    await host.page.locator('[data-status="health"]').filter({ hasNotText: 'Checking' }).waitFor();
    const screenshot = screenshotPath(options);
    await mkdir(path.dirname(screenshot), { recursive: true });
    // The selection indicator slides to the section just clicked: the picture shows where it lands, not mid-way.
    await host.page.screenshot({ path: screenshot, animations: 'disabled' });
    return { host, sandbox, headless, screenshot, stop };
  } catch (thrown) {
    await stop();
    throw thrown;
  }
}

/** Said once after start when preview runs as root: Chromium then runs without its sandbox, and the user should know. */
export const CHROMIUM_SANDBOX_OFF_LINE =
  "preview: Chromium's sandbox is off because preview runs as root (Chromium refuses its sandbox for root). Run preview as an ordinary user to keep it on.";

/** One plain line for any failure: an AirlockError's words and hint, else the first line of the message. */
export function failureLine(thrown: unknown): string {
  const error = thrown as { name?: string; message?: unknown; hint?: unknown };
  const message = typeof error?.message === 'string' ? error.message.split('\n')[0]!.slice(0, 300) : 'preview stopped unexpectedly';
  const hint = error?.name === 'AirlockError' && typeof error.hint === 'string' ? ` ${error.hint}` : '';
  return `preview: ${message}${hint}`;
}

/**
 * Ctrl-C or SIGTERM: resolves on the first (preview then stops what it started, even mid-start); a second one
 * exits at once. Exit hooks still clean up: the sandbox child gets SIGTERM (sandbox-process), Playwright kills
 * Chromium, and the host's temp folders (NSS HOME, token cache) are removed (electron/preview/temp-folders.ts).
 */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    let seen = false;
    const handler = () => {
      if (seen) process.exit(1);
      seen = true;
      resolve();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

function windowClosed(running: RunningPreview): Promise<void> {
  return new Promise((resolve) => {
    running.host.browser.once('disconnected', () => resolve());
    running.host.page.once('close', () => resolve());
  });
}

/** A path as the user can type it: relative to where they are when it is below, else absolute. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}

/** The command: exit code 0 (done), 1 (failed; one line), 2 (bad command line; one line and the usage). */
export async function main(argv: readonly string[]): Promise<number> {
  let options: PreviewOptions;
  try {
    options = parsePreviewArgs(argv);
  } catch (thrown) {
    process.stderr.write(`preview: ${thrown instanceof UsageError ? thrown.message : 'the command line could not be read'}\n\n${PREVIEW_USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(PREVIEW_USAGE);
    return 0;
  }
  let stopAsked = false;
  const stopped = stopSignal().then(() => void (stopAsked = true));
  let running: RunningPreview;
  try {
    running = await startPreview(options);
  } catch (thrown) {
    process.stderr.write(`${failureLine(thrown)}\n`);
    return 1;
  }
  if (!running.host.sandboxed) process.stderr.write(`${CHROMIUM_SANDBOX_OFF_LINE}\n`);
  console.log(`Airlock preview (${running.headless ? 'headless' : 'window'}): screenshot at ${shownPath(running.screenshot)}`);
  if (!running.headless && !stopAsked) {
    if (running.sandbox) console.log(`Sign in to the sandbox as a demo user: passwords and TOTP secrets are in ${shownPath(running.sandbox.environmentPath)}.`);
    console.log(`Close the Airlock window or press Ctrl-C to stop${running.sandbox ? ' (the sandbox stops with it)' : ''}.`);
    await Promise.race([stopped, windowClosed(running)]);
  }
  await running.stop();
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Last resort: whatever escapes main is still one line; the exit hooks stop the sandbox child and Chromium and
  // remove the host's temp folders.
  process.on('uncaughtException', (thrown) => {
    process.stderr.write(`${failureLine(thrown)}\n`);
    process.exit(1);
  });
  process.exit(await main(process.argv.slice(2)));
}
