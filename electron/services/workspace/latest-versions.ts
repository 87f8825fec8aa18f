// Reads the latest version of each model (type, flavors, stage and tags live on the version, not on the model
// container ARM lists), a few at a time. Best effort by design: the list of models is already known, so a
// version that cannot be read leaves that row's version columns empty rather than failing the whole table,
// and the first failure stops further reads (a missing versions/read permission would fail them all alike).
import { AirlockError } from '../../../shared/errors/airlock-error';
import type { Logger } from '../ports';

/** Versions read in parallel: fast for a few dozen models without a burst ARM would throttle. */
const IN_FLIGHT = 4;
/** Models whose version is read; the rest (past the first rows shown) keep empty version columns. */
export const MAX_VERSION_READS = 100;
/** For a first-rows read (the list's first screen, answered at once): about one screen of rows. */
export const FIRST_ROWS_VERSION_READS = 24;

export interface ModelRef {
  readonly name: string;
  readonly latestVersion: string | null;
}

/** Reads one version's JSON (`{ws}/models/{name}/versions/{version}`, through the SDK). */
export type ReadVersion = (name: string, version: string) => Promise<unknown>;

/** The latest version's JSON by model name; missing where it was not (or could not be) read. */
export async function readLatestVersions(read: ReadVersion, models: readonly ModelRef[], logger: Logger, maxReads = MAX_VERSION_READS): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  const queue = models.filter((m) => m.latestVersion).slice(0, maxReads);
  let stopped = false;

  async function worker(): Promise<void> {
    for (let next = queue.shift(); next && !stopped; next = queue.shift()) {
      try {
        found.set(next.name, await read(next.name, next.latestVersion ?? ''));
      } catch (thrown) {
        if (!stopped) logger.log('warn', 'workspace.model_versions_partial', { read: found.size, code: thrown instanceof AirlockError ? thrown.code : 'E_INTERNAL' });
        stopped = true;
      }
    }
  }

  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return found;
}
