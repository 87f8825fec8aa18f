// Which idle lock the vaults use: the admin policy's idleLockMinutes when the organization manages it, else
// the app's configuration, else the policy's (= the vault's) default. Never longer than the policy says when
// it is managed — that includes a broken policy, which manages every setting at its most restrictive.
import type { ManagedSettings } from '../../policy';

const MINUTE_MS = 60_000;

export function idleLockMsOf(settings: ManagedSettings, configMs: number | undefined): number {
  const fromPolicy = settings.idleLockMinutes.value * MINUTE_MS;
  if (settings.idleLockMinutes.managed) return fromPolicy;
  return configMs ?? fromPolicy;
}
