// Schemas of the `app.*` channels: what Airlock is and whether its parts are healthy.
import { z } from 'zod';

export const NoInput = z.undefined();

export const EnvironmentSummary = z.strictObject({
  id: z.string().min(1).max(64),
  displayName: z.string().min(1).max(128),
  kind: z.enum(['builtin', 'sandbox', 'custom']),
  /** Set when the environment signs in to one tenant only (its file pins the authority). */
  pinnedTenant: z.string().max(64).nullable(),
});
export type EnvironmentSummary = z.infer<typeof EnvironmentSummary>;

export const AppInfo = z.strictObject({
  name: z.literal('Airlock'),
  version: z.string().max(64),
  build: z.enum(['development', 'production']),
  /**
   * 'signed' only for a release build (its packed package.json carries the stamp scripts/release/build-release.ts
   * adds after the signing check); everything else — npm start, a dir build, the CLI — is 'unsigned'. The app
   * service always sets it; optional only so older fakes of AppInfo stay valid.
   */
  signature: z.enum(['signed', 'unsigned']).optional(),
  platform: z.enum(['win32', 'darwin', 'linux', 'other']),
  arch: z.string().max(16),
  runtime: z.enum(['electron', 'harness', 'cli', 'node']),
  environments: z.array(EnvironmentSummary).max(64),
  /** The environment used until the user picks one (the sandbox in development builds), if any. */
  defaultEnvironmentId: z.string().max(64).nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const HealthCheck = z.strictObject({
  name: z.string().max(64),
  status: z.enum(['ok', 'warn', 'fail']),
  detail: z.string().max(512),
});

export const AppHealth = z.strictObject({
  status: z.enum(['ok', 'degraded', 'failing']),
  checkedAt: z.iso.datetime(),
  uptimeSeconds: z.number().nonnegative(),
  checks: z.array(HealthCheck).max(64),
});
export type AppHealth = z.infer<typeof AppHealth>;

/** A web page the renderer asks main to open outside Airlock; main decides whether it may (allow-list). */
export const OpenLinkRequest = z.strictObject({ url: z.string().min(1).max(2048) });
export const LinkOpened = z.strictObject({ opened: z.literal(true) });
