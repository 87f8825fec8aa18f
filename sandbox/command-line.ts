// The sandbox's command line: `npm run sandbox -- [--state-dir DIR] [--seed FILE] [--vpn on|off] [--verbose] [--help]`,
// `code USER` and `vpn on|off`.
// Every mistake becomes one plain sentence for main.ts to print above the usage (exit 2); nothing here throws,
// starts a server or writes a file. It never accepts what it does not know: an unknown flag, a flag without
// its value, or a state dir that is a file is refused before anything starts.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

export const USAGE = `Usage: npm run sandbox -- [--state-dir DIR] [--seed FILE] [--vpn on|off] [--verbose]
       npm run sandbox -- code USER [--state-dir DIR]
       npm run sandbox -- vpn on|off [--state-dir DIR]

Starts the local private Azure ML emulator on loopback and writes DIR/environment.json.
\`code USER\` prints a demo user's current one-time sign-in code (the MFA step), read from DIR/environment.json
while that sandbox runs: USER is a sign-in name such as alice@contoso.test, or just alice.
\`vpn on|off\` flips the running sandbox's private DNS (through DIR/network-mode.json) and waits until it answers
that way.

Options:
  --state-dir DIR  where keys, certificates, environment.json and sandbox.log live (default: .sandbox)
  --seed FILE      workspaces, models and users to serve (default: the built-in seed)
  --vpn on|off     on (default): private names answer with 10.x addresses; off: public answers only
  --verbose        also print the sandbox log to stderr
  -h, --help       print this text`;

export interface SandboxOptions {
  readonly stateDir: string;
  readonly seedPath?: string;
  readonly verbose: boolean;
  readonly vpn?: 'on' | 'off';
}

export type CommandLine =
  | { readonly kind: 'run'; readonly options: SandboxOptions }
  | { readonly kind: 'code'; readonly stateDir: string; readonly user: string }
  | { readonly kind: 'vpn'; readonly stateDir: string; readonly vpn: 'on' | 'off' }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

const VALUE_OPTIONS = new Set(['--state-dir', '--seed', '--vpn']);
const FLAG_OPTIONS = new Set(['--verbose']);

const usageError = (message: string): CommandLine => ({ kind: 'usage-error', message });

export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (argv[0] === 'code') return parseCodeCommand(argv.slice(1));
  if (argv[0] === 'vpn') return parseVpnCommand(argv.slice(1));
  const values = new Map<string, string>();
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (!arg.startsWith('-')) return usageError(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (FLAG_OPTIONS.has(name)) {
      if (eq !== -1) return usageError(`${name} takes no value`);
      verbose = true;
    } else if (VALUE_OPTIONS.has(name)) {
      // The next word is the value unless it is missing or is itself an option (a forgotten value).
      const next = argv[i + 1];
      const value = eq !== -1 ? arg.slice(eq + 1) : next !== undefined && !next.startsWith('-') ? (i++, next) : '';
      if (value === '') return usageError(`${name} needs a value`);
      if (values.has(name)) return usageError(`${name} is given twice`);
      values.set(name, value);
    } else {
      return usageError(`unknown option ${name}`);
    }
  }
  const seed = values.get('--seed');
  const vpn = values.get('--vpn');
  if (vpn !== undefined && vpn !== 'on' && vpn !== 'off') return usageError(`--vpn must be on or off, not ${vpn}`);
  return {
    kind: 'run',
    options: { stateDir: path.resolve(values.get('--state-dir') ?? '.sandbox'), ...(seed ? { seedPath: path.resolve(seed) } : {}), verbose, ...(vpn ? { vpn } : {}) },
  };
}

/** `WORD [--state-dir DIR]`: one positional word and the state dir, with the main command's rules. */
function parseWordAndStateDir(argv: readonly string[]): { word: string | null; stateDir: string } | { error: CommandLine } {
  let word: string | null = null;
  let stateDir: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { error: { kind: 'help' } };
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (name === '--state-dir') {
      const next = argv[i + 1];
      const value = eq !== -1 ? arg.slice(eq + 1) : next !== undefined && !next.startsWith('-') ? (i++, next) : '';
      if (value === '') return { error: usageError('--state-dir needs a value') };
      if (stateDir !== null) return { error: usageError('--state-dir is given twice') };
      stateDir = value;
    } else if (arg.startsWith('-')) {
      return { error: usageError(`unknown option ${name}`) };
    } else if (word === null) {
      word = arg;
    } else {
      return { error: usageError(`unexpected argument ${arg}`) };
    }
  }
  return { word, stateDir: path.resolve(stateDir ?? '.sandbox') };
}

/** `code USER [--state-dir DIR]` */
function parseCodeCommand(argv: readonly string[]): CommandLine {
  const parsed = parseWordAndStateDir(argv);
  if ('error' in parsed) return parsed.error;
  if (parsed.word === null) return usageError('code needs a user, for example: code alice');
  return { kind: 'code', stateDir: parsed.stateDir, user: parsed.word };
}

/** `vpn on|off [--state-dir DIR]` */
function parseVpnCommand(argv: readonly string[]): CommandLine {
  const parsed = parseWordAndStateDir(argv);
  if ('error' in parsed) return parsed.error;
  if (parsed.word === null) return usageError('vpn needs on or off, for example: vpn off');
  if (parsed.word !== 'on' && parsed.word !== 'off') return usageError(`vpn needs on or off, not ${parsed.word}`);
  return { kind: 'vpn', stateDir: parsed.stateDir, vpn: parsed.word };
}

function reasonOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'part of the path is a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  return typeof code === 'string' ? code : 'unknown error';
}

/** Makes the state dir (0700) or says in one sentence why `--state-dir` cannot be used; null when it is ready. */
export async function prepareStateDir(stateDir: string): Promise<string | null> {
  const existing = await stat(stateDir).catch(() => null);
  if (existing && !existing.isDirectory()) return `--state-dir ${stateDir} is a file, not a folder`;
  try {
    await mkdir(stateDir, { recursive: true, mode: 0o700 });
    return null;
  } catch (error) {
    return `--state-dir ${stateDir} cannot be created: ${reasonOf(error)}`;
  }
}
