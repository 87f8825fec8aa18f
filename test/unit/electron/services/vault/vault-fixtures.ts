// Test fixtures for the vault: a fake clock + scheduler (no real timers), a recording logger, temp folders,
// recognisable secrets, and a leak scanner. Built by code, not blobs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock, LogFields, Logger, LogLevel } from '../../../../../electron/services/ports';
import type { ScheduledTask, Scheduler } from '../../../../../electron/services/vault';

export interface FakeTime {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Moves both clocks forward, running due tasks in order. */
  advance(ms: number): void;
  /** Moves only the wall clock (skew); the monotonic clock is unaffected. */
  shiftWall(ms: number): void;
  pendingTasks(): number;
}

export function createFakeTime(startIso = '2031-03-04T05:06:07.000Z'): FakeTime {
  let wall = Date.parse(startIso);
  let mono = 1_000;
  let tasks: { due: number; run: () => void; cancelled: boolean }[] = [];
  return {
    clock: { now: () => new Date(wall), monotonicMs: () => mono },
    scheduler: {
      schedule(delayMs, run): ScheduledTask {
        const task = { due: mono + delayMs, run, cancelled: false };
        tasks.push(task);
        return { cancel: () => void (task.cancelled = true) };
      },
    },
    advance(ms) {
      const target = mono + ms;
      for (;;) {
        tasks = tasks.filter((t) => !t.cancelled);
        const next = tasks.filter((t) => t.due <= target).sort((a, b) => a.due - b.due)[0];
        if (next === undefined) break;
        wall += next.due - mono;
        mono = next.due;
        next.cancelled = true;
        next.run();
      }
      wall += target - mono;
      mono = target;
    },
    shiftWall(ms) {
      wall += ms;
    },
    pendingTasks: () => tasks.filter((t) => !t.cancelled).length,
  };
}

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export function createRecordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    log(level: LogLevel, event: string, fields: LogFields = {}) {
      lines.push(JSON.stringify({ level, event, ...fields }));
    },
  };
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'airlock-vault-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Recognisable token values: any of them showing up where it must not is a leak. */
export const PLANTED = {
  refreshToken: 'PLANTED-REFRESH-TOKEN-7f3a9c21',
  accessToken: 'PLANTED-ACCESS-TOKEN-5d8e0b44',
  endpointToken: 'PLANTED-ENDPOINT-TOKEN-c0ffee99',
} as const;

/** The places a secret (or its base64/hex form) was found in; [] means clean. */
export function findLeaks(haystacks: Record<string, string | Buffer>, secrets: readonly string[]): string[] {
  const forms = secrets.flatMap((s) => [s, Buffer.from(s).toString('base64'), Buffer.from(s).toString('hex')]);
  const hits: string[] = [];
  for (const [where, hay] of Object.entries(haystacks)) {
    const text = typeof hay === 'string' ? hay : hay.toString('latin1');
    for (const form of forms) if (form.length > 0 && text.includes(form)) hits.push(where);
  }
  return hits;
}

/** A serialized MSAL cache (MSAL's own schema) with one account, one refresh token and one access token. */
export function msalCacheFixture(nowMs: number, accessTokenLifetimeSeconds = 5400): string {
  const now = Math.floor(nowMs / 1000);
  const home = 'uid-1.tenant-1';
  const env = 'login.sandbox.local';
  return JSON.stringify({
    Account: {
      [`${home}-${env}-tenant-1`]: {
        home_account_id: home,
        environment: env,
        realm: 'tenant-1',
        local_account_id: 'uid-1',
        username: 'ada@contoso.example',
        authority_type: 'MSSTS',
        name: 'Ada',
      },
    },
    IdToken: {},
    AccessToken: {
      [`${home}-${env}-accesstoken-client-1-tenant-1-api://ml/.default`]: {
        home_account_id: home,
        environment: env,
        credential_type: 'AccessToken',
        client_id: 'client-1',
        secret: PLANTED.accessToken,
        realm: 'tenant-1',
        target: 'api://ml/.default',
        cached_at: String(now),
        expires_on: String(now + accessTokenLifetimeSeconds),
        extended_expires_on: String(now + accessTokenLifetimeSeconds),
        token_type: 'Bearer',
      },
    },
    RefreshToken: {
      [`${home}-${env}-refreshtoken-client-1--`]: {
        home_account_id: home,
        environment: env,
        credential_type: 'RefreshToken',
        client_id: 'client-1',
        secret: PLANTED.refreshToken,
      },
    },
    AppMetadata: {},
  });
}
