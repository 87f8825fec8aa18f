// The names of every IPC channel, as `<service>.<method>`, with no schema attached.
// The preload and the harness bridge import only this file, so the sandboxed preload stays tiny
// (no zod); contract.ts checks at compile time that this list and the contract agree.

export const CHANNELS = [
  'app.info',
  'app.health',
  'app.exportDiagnostics',
  'app.openLink',
  'auth.signIn',
  'auth.signInProgress',
  'auth.cancelSignIn',
  'auth.accounts',
  'auth.switchAccount',
  'auth.signOut',
  'auth.forgetDevice',
  'auth.session',
  'auth.unlock',
  'auth.stepUp',
  'workspace.list',
  'workspace.models',
  'workspace.modelVersions',
  'endpoint.list',
  'endpoint.detail',
  'endpoint.logs',
  'endpoint.payloadSchema',
  'endpoint.score',
  'history.list',
  'history.get',
  'history.remove',
  'testRun.start',
  'testRun.cancel',
  'testRun.export',
  'policy.show',
  'policy.explain',
  'audit.status',
  'audit.list',
  'audit.verify',
  'audit.verifyProgress',
  'audit.cancelVerify',
  'audit.export',
  'audit.anomalies',
  'route.list',
  'route.connect',
  'route.disconnect',
  'route.trustHostKey',
  'route.check',
  'route.answerPrompt',
  'forward.open',
  'forward.close',
  'forward.list',
] as const;

export type Channel = (typeof CHANNELS)[number];

export type ServiceOf<C extends string> = C extends `${infer S}.${string}` ? S : never;
export type MethodOf<C extends string> = C extends `${string}.${infer M}` ? M : never;

/** Splits a channel into the `window.airlock.<service>.<method>` path it is exposed under. */
export function channelPath(channel: string): { service: string; method: string } {
  const dot = channel.indexOf('.');
  return { service: channel.slice(0, dot), method: channel.slice(dot + 1) };
}

/** `{ app: ['health', 'info'], ... }`: the exposed API surface, sorted, for building and snapshotting. */
export function apiSurface(channels: readonly string[] = CHANNELS): Record<string, string[]> {
  const surface: Record<string, string[]> = {};
  for (const channel of [...channels].sort()) {
    const { service, method } = channelPath(channel);
    (surface[service] ??= []).push(method);
  }
  return surface;
}
