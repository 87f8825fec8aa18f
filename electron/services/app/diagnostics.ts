// Settings → Export diagnostics (and `airlock diagnostics`): one JSON file for support with what Airlock is
// (versions, platform), what it knows (environment names), how it is (health, sign-in and token-storage
// state in display terms) and what it did lately (recent log lines, redacted again on the way out).
// Main chooses the file through a host port (a save dialog in Electron); the renderer never names a path.
// The file must never hold a token, key or password: every section is built from display data, and log
// lines pass the redactor.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../../../shared/contract/schemas/app';
import type { DiagnosticsExport } from '../../../shared/contract/schemas/diagnostics';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { redactSecrets, type RecentLine } from '../logging';
import type { Clock, Logger } from '../ports';
import type { AppService } from './index';
import type { SignInState } from './sign-in-state';

/** Where to write a file of this name: an absolute path, or null when the user cancelled. */
export type DiagnosticsTarget = (suggestedName: string) => Promise<string | null>;

export interface DiagnosticsDeps {
  readonly app: AppService;
  readonly signInState: () => Promise<SignInState>;
  readonly recentLines: () => readonly RecentLine[];
  /** The last Test connection results (private routes), display-safe by construction: hosts, steps, causes, statuses. */
  readonly connectionTests?: () => readonly unknown[];
  readonly chooseTarget: DiagnosticsTarget;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface DiagnosticsService {
  /** Writes the file; `target` is for the CLI's --out (the user's own shell), else the host port decides. */
  export(target?: string): Promise<DiagnosticsExport>;
}

const VERSION_KEYS = ['node', 'electron', 'chrome', 'v8', 'openssl'] as const;

function componentVersions(): Record<string, string> {
  const versions: Record<string, string | undefined> = process.versions;
  return Object.fromEntries(VERSION_KEYS.flatMap((k) => (versions[k] ? [[k, versions[k]]] : [])));
}

/** A log line as it leaves: its JSON run through the redactor once more (a line that no longer parses is
 * replaced, never written half-redacted). */
function exportedLine(line: RecentLine): unknown {
  try {
    return JSON.parse(redactSecrets(JSON.stringify(line))) as unknown;
  } catch {
    return { t: line.t, level: line.level, event: 'diagnostics.line_withheld' };
  }
}

function fileName(now: Date): string {
  return `airlock-diagnostics-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}.json`;
}

export function createDiagnosticsService(deps: DiagnosticsDeps): DiagnosticsService {
  async function report(info: AppInfo, lines: readonly RecentLine[]) {
    return {
      kind: 'airlock-diagnostics',
      formatVersion: 1,
      createdAt: deps.clock.now().toISOString(),
      app: { name: info.name, version: info.version, build: info.build, runtime: info.runtime },
      platform: { os: info.platform, arch: info.arch, release: os.release(), ...componentVersions() },
      environments: info.environments.map((e) => ({ id: e.id, name: e.displayName, kind: e.kind })),
      defaultEnvironment: info.defaultEnvironmentId,
      health: await deps.app.health(),
      session: await deps.signInState(),
      connectionTests: JSON.parse(redactSecrets(JSON.stringify(deps.connectionTests?.() ?? []))) as unknown,
      log: lines.map(exportedLine),
    };
  }

  return {
    async export(target) {
      const lines = deps.recentLines();
      const text = `${JSON.stringify(await report(await deps.app.info(), lines), null, 2)}\n`;
      let file: string;
      try {
        const chosen = target ?? (await deps.chooseTarget(fileName(deps.clock.now())));
        if (!chosen) return { saved: false, path: null, contains: [] };
        file = path.resolve(chosen);
        await writeFile(file, text, { mode: 0o600 });
      } catch (thrown) {
        const code = (thrown as { code?: unknown }).code;
        deps.logger.log('warn', 'diagnostics.write_failed', { reason: typeof code === 'string' ? code.slice(0, 32) : 'unknown' });
        throw new AirlockError('E_UNAVAILABLE', {
          message: 'Airlock could not write the diagnostics file.',
          hint: 'Check that the folder exists, that you can write to it and that the disk has free space, then export again.',
        });
      }
      deps.logger.log('info', 'diagnostics.exported', { lines: lines.length });
      return {
        saved: true,
        path: file,
        contains: [
          'Airlock version, build and runtime',
          'Operating system, architecture and component versions',
          'Names of the environments Airlock knows',
          'Health checks',
          'The last Test connection results (hosts, steps, timings, causes; no tokens, keys or bodies)',
          'Sign-in state: number of accounts, their environments and how tokens are stored (no names, no tokens)',
          lines.length > 0 ? `The last ${lines.length} log lines, with secrets removed` : 'Recent log lines, with secrets removed (none yet)',
        ],
      };
    },
  };
}

/** The default place when the host gives none: the user-data folder's diagnostics/ (created on demand). */
export function userDataDiagnosticsTarget(userDataDir: string): DiagnosticsTarget {
  return async (name) => {
    const dir = path.join(userDataDir, 'diagnostics');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return path.join(dir, name);
  };
}
