// The app service: facts about this Airlock (version, platform, environments) and its health.
import type { AppHealth, AppInfo } from '../../../shared/contract/schemas/app';
import type { EnvironmentsService } from '../environments';
import type { Clock } from '../ports';

export interface RuntimeFacts {
  readonly version: string;
  readonly build: AppInfo['build'];
  readonly runtime: AppInfo['runtime'];
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** True only in a signed release build (electron/main/signed-build.ts); absent means unsigned. */
  readonly signed?: boolean;
}

export interface AppService {
  info(): Promise<AppInfo>;
  health(): Promise<AppHealth>;
}

export { createDiagnosticsService, userDataDiagnosticsTarget, type DiagnosticsService, type DiagnosticsTarget } from './diagnostics';
export { readSignInState, type SignInState } from './sign-in-state';

const KNOWN_PLATFORMS = new Set<string>(['win32', 'darwin', 'linux']);

export function createAppService(facts: RuntimeFacts, environments: EnvironmentsService, clock: Clock): AppService {
  const startedAt = clock.monotonicMs();
  return {
    async info() {
      return {
        name: 'Airlock',
        version: facts.version,
        build: facts.build,
        signature: facts.signed === true ? 'signed' : 'unsigned',
        runtime: facts.runtime,
        platform: KNOWN_PLATFORMS.has(facts.platform) ? (facts.platform as AppInfo['platform']) : 'other',
        arch: facts.arch,
        environments: environments.summaries(),
        defaultEnvironmentId: environments.defaultId(),
      };
    },
    async health() {
      const checks: AppHealth['checks'] = [
        { name: 'services', status: 'ok', detail: 'Airlock services are running.' },
        {
          name: 'environments',
          status: environments.list().length > 0 ? 'ok' : 'fail',
          detail: `${environments.list().length} environment(s) available.`,
        },
      ];
      const worst = checks.some((c) => c.status === 'fail') ? 'failing' : checks.some((c) => c.status === 'warn') ? 'degraded' : 'ok';
      return {
        status: worst,
        checkedAt: clock.now().toISOString(),
        uptimeSeconds: Math.max(0, (clock.monotonicMs() - startedAt) / 1000),
        checks,
      };
    },
  };
}
