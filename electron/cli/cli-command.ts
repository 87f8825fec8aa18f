// The shapes of the airlock command's table: a command (summary, its flags, how it runs through the guarded
// door), a group of subcommands (`airlock audit list`), and a flag (what value it takes, how it is checked).
// Pure types and small helpers; the usage texts and the argument check are derived from these entries.
import type { z } from 'zod';
import type { InProcessGateway } from '../services';

export interface CommandResult {
  /** What --json prints. */
  readonly value: unknown;
  /** What a person reads in a terminal. */
  readonly text: string;
  readonly exitCode: number;
  /** The value was already printed while the command ran (io.announce): with --json nothing more is printed. */
  readonly printed?: boolean;
  /** With --json, printed as one line of compact JSON (JSON Lines after io.event lines: `airlock login`). */
  readonly compact?: boolean;
}

/** A flag's value, checked: null when fine, else the sentence that says what is wrong. */
export type FlagCheck = (value: string) => string | null;

export interface FlagSpec {
  /** In the usage: `--out FILE`. */
  readonly metavar: string;
  /** A one-letter form (`w` for `-w`), for flags people type often. */
  readonly short?: string;
  /** In the error for a missing value: "--out needs a file name". */
  readonly needs: string;
  readonly help: string;
  readonly required?: boolean;
  readonly check?: FlagCheck;
  /** A switch (`--device-code`): takes no value; given, its option is 'true'. */
  readonly switch?: boolean;
}

/** The one word a command takes after its name (`airlock env add <ENVIRONMENT.json>`): required, kept under `name`. */
export interface ArgumentSpec {
  readonly name: string;
  readonly metavar: string;
  readonly help: string;
  /** The word may be left out (`airlock history rm --all`); the command then checks what it got. */
  readonly optional?: boolean;
}

/** The flags given to a command, by name (without the dashes), values as typed. */
export type CliOptions = Readonly<Partial<Record<string, string>>>;

/** One event of the composition root's push channel (airlock.events), as the CLI sees it. */
export interface CliEvent {
  readonly name: string;
  readonly payload: unknown;
}

/**
 * What a command may do besides returning its result. Each part is given only where it makes sense: progress,
 * questions and secrets only at a terminal (absent = a script: refuse, never wait for an answer).
 */
export interface CliIo {
  readonly progress?: (line: string) => void;
  /** How often progress is polled (default 500 ms). */
  readonly pollMs?: number;
  /** Asks a person a question at the terminal; the line they typed, or null when they gave none (Ctrl-D). */
  readonly ask?: (question: string) => Promise<string | null>;
  /** Asks for a secret without echoing it; null when cancelled. The answer is never printed or logged. */
  readonly askSecret?: (question: string) => Promise<string | null>;
  /** The push channel (route.prompt …) of the services this command runs in. */
  readonly events?: { subscribe(listener: (event: CliEvent) => void): () => void };
  /** Prints a result now, while the command keeps running (the tunnel's address): JSON or text as chosen. */
  readonly announce?: (value: unknown, text: string) => void;
  /** Resolves when the user stops the command (Ctrl-C, SIGTERM). */
  readonly waitForStop?: () => Promise<void>;
  /** Prints one event now as one line (compact JSON with --json, else the text): `airlock login`'s device code. */
  readonly event?: (value: unknown, text: string) => void;
  /** The global --environment as given: an environment's id or name (a file given there is already loaded, as its id). */
  readonly environment?: string;
  /** The environments this CLI remembers (`airlock env add`), kept in its user-data folder. */
  readonly environments?: EnvironmentStorePort;
  /** Whether the OS keychain answers (a sign-in that cannot be kept is refused before it starts). */
  readonly keychain?: () => Promise<{ readonly available: boolean; readonly reason?: string }>;
  /** Reads `--data`: a file, or standard input for '-'. */
  readonly readData?: (source: string) => Promise<string>;
  /** One line on stderr beside the result: something the user should know that is not a failure. */
  readonly note?: (line: string) => void;
}

/** One environment file the CLI remembers, and whether it loads now. */
export interface RememberedEnvironment {
  readonly id: string;
  readonly file: string;
  readonly addedAt: string;
  /** Why it did not load this time (file gone, no longer valid), in words; null when it loaded. */
  readonly problem: string | null;
}

export interface EnvironmentStorePort {
  /** Validates the file with the app's own schema, then remembers where it is; the id and display name it loaded as. */
  add(file: string): Promise<{ readonly id: string; readonly displayName: string; readonly kind: string; readonly file: string; readonly replaced: boolean }>;
  list(): Promise<readonly RememberedEnvironment[]>;
}

export interface CliCommand {
  readonly summary: string;
  readonly flags?: Readonly<Record<string, FlagSpec>>;
  readonly argument?: ArgumentSpec;
  /** A check across the given words and flags (`<ID>` or `--all`, not both): null when fine, else what is wrong (exit 2). */
  readonly check?: (options: CliOptions) => string | null;
  run(gateway: InProcessGateway, options: CliOptions, io: CliIo): Promise<CommandResult>;
}

export interface CommandGroup {
  readonly summary: string;
  /** The subcommand a bare `airlock <group>` runs (`airlock history` lists); none: the group's usage, exit 2. */
  readonly default?: string;
  readonly subcommands: Readonly<Record<string, CliCommand>>;
}

export function isGroup(entry: CliCommand | CommandGroup): entry is CommandGroup {
  return 'subcommands' in entry;
}

/** A flag taking one of a few words. */
export function oneOf(values: readonly string[]): FlagCheck {
  return (value) => (values.includes(value) ? null : `must be one of ${values.join(', ')}`);
}

/** A flag taking a whole number in a range. */
export function wholeNumber(min: number, max: number): FlagCheck {
  return (value) => (/^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max ? null : `must be a whole number from ${min} to ${max}`);
}

/** An ISO 8601 UTC time, as the audit filters take it. */
export const isoTime: FlagCheck = (value) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be a UTC time such as 2026-12-01T08:00:00Z';

/**
 * A flag check that asks the contract's own schema for one field, so the CLI refuses before start-up (exit 2)
 * exactly what the channel would refuse after it — the two cannot drift apart.
 */
export function schemaCheck(schema: z.ZodType): FlagCheck {
  return (value) => {
    const issue = schema.safeParse(value).error?.issues[0];
    if (!issue) return null;
    return issue.code === 'too_big' ? `must be at most ${String(issue.maximum)} characters` : `must be ${issue.message}`;
  };
}
