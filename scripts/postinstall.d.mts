// Types of scripts/postinstall.mjs for its unit test (the script itself stays plain JavaScript: it runs
// during `npm install`, before TypeScript tooling can be relied on).
export interface Machine {
  readonly platform: string;
  /** Running as root: the printed command then has no `sudo`. */
  readonly root: boolean;
  /** Whether the project's node_modules has this module and it loads. */
  readonly loads: (module: string) => boolean;
}

/** The one line naming what was left out, its cost and the command that adds it; null when nothing is missing. */
export function optionalPartsNotice(machine: Machine): string | null;
