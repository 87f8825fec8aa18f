// The environments `airlock env add` remembers, in the CLI's user-data folder (cli-environments.json, 0600).
// It keeps WHERE each file is, never a copy: the sandbox rewrites its environment.json with new ports at every
// start, and that file also holds the demo users' passwords and one-time-code secrets, which Airlock never
// copies. Each run loads every remembered file again with the app's own loader and schema (loadEnvironmentFile),
// so a file that changed is checked again; one that no longer loads is left out and named by `env list`.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { Environment } from '../services';
import type { EnvironmentStorePort, RememberedEnvironment } from './cli-command';

export const STORE_FILE = 'cli-environments.json';
/** The list's bound: a longer one would not read back (and would count as nothing remembered). */
const MAX_REMEMBERED = 64;

const Stored = z.strictObject({
  version: z.literal(1),
  environments: z.array(z.strictObject({ id: z.string().min(1).max(64), file: z.string().min(1).max(4096), addedAt: z.string().max(64) })).max(MAX_REMEMBERED),
});
type Stored = z.infer<typeof Stored>;

export interface EnvironmentStore extends EnvironmentStorePort {
  /** Every remembered environment that loads now (for the composition root), and the rest with their problem. */
  load(): Promise<{ readonly environments: readonly Environment[]; readonly remembered: readonly RememberedEnvironment[] }>;
}

export interface EnvironmentStoreDeps {
  readonly userDataDir: string;
  readonly loadEnvironmentFile: (file: string) => Promise<Environment>;
  readonly now: () => Date;
}

function problemOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : 'It could not be loaded.';
}

export function createEnvironmentStore(deps: EnvironmentStoreDeps): EnvironmentStore {
  const storeFile = path.join(deps.userDataDir, STORE_FILE);

  async function read(): Promise<Stored> {
    try {
      const parsed = Stored.safeParse(JSON.parse(await readFile(storeFile, 'utf8')));
      // A damaged list counts as nothing remembered: `env add` writes a good one again.
      return parsed.success ? parsed.data : { version: 1, environments: [] };
    } catch {
      return { version: 1, environments: [] };
    }
  }

  async function write(stored: Stored): Promise<void> {
    await mkdir(deps.userDataDir, { recursive: true, mode: 0o700 });
    const temp = `${storeFile}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, storeFile); // whole or not at all
  }

  async function load() {
    const stored = await read();
    const environments: Environment[] = [];
    const remembered: RememberedEnvironment[] = [];
    for (const entry of stored.environments) {
      try {
        const environment = await deps.loadEnvironmentFile(entry.file);
        // The file now names another environment than when it was added: not the one the user added.
        if (environment.id !== entry.id) throw new Error(`The file now describes the environment ${environment.id}, not ${entry.id}.`);
        environments.push(environment);
        remembered.push({ ...entry, problem: null });
      } catch (thrown) {
        remembered.push({ ...entry, problem: problemOf(thrown) });
      }
    }
    return { environments, remembered };
  }

  return {
    load,
    list: async () => (await load()).remembered,
    async add(given) {
      const file = path.resolve(given);
      // The app's own loader: the same schema, E_CONFIG_INVALID in words naming the field when it is not valid.
      const environment = await deps.loadEnvironmentFile(file);
      const stored = await read();
      const replaced = stored.environments.some((e) => e.id === environment.id);
      if (!replaced && stored.environments.length >= MAX_REMEMBERED) {
        throw new AirlockError('E_BAD_REQUEST', { message: `Airlock already remembers ${MAX_REMEMBERED} environment files, so it did not add another.`, hint: `Remove some from ${storeFile}.` });
      }
      const environments = [...stored.environments.filter((e) => e.id !== environment.id), { id: environment.id, file, addedAt: deps.now().toISOString() }];
      await write({ version: 1, environments });
      return { id: environment.id, displayName: environment.displayName, kind: environment.kind, file, replaced };
    },
  };
}
