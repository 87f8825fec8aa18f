// Which machine-wide policy source this platform has, with the real adapters: Windows reads the registry
// (HKLM\Software\Policies\Airlock via reg.exe), macOS the forced managed preferences (plutil), Linux and
// other Unix systems /etc/airlock. The composition root calls this once; tests build sources themselves.
import type { Scheduler } from '../../ports';
import { createLinuxPolicyFileSource } from './linux-file-source';
import { createManagedPreferencesSource } from './managed-preferences-source';
import { createPlutilReader } from './plutil-reader';
import type { PolicySource } from './policy-source';
import { createRegQueryReader } from './reg-query-reader';
import { createRegistryPolicySource } from './registry-source';

export interface MachinePolicySourceOptions {
  readonly platform?: NodeJS.Platform;
  readonly scheduler?: Scheduler;
}

export function createMachinePolicySource(options: MachinePolicySourceOptions = {}): PolicySource {
  const platform = options.platform ?? process.platform;
  const scheduler = options.scheduler ? { scheduler: options.scheduler } : {};
  if (platform === 'win32') return createRegistryPolicySource({ reader: createRegQueryReader({ platform }), ...scheduler });
  if (platform === 'darwin') return createManagedPreferencesSource({ reader: createPlutilReader({ platform }), ...scheduler });
  return createLinuxPolicyFileSource();
}
