// The admin policy templates, generated from the policy's own value table and schema: Windows ADMX/ADML
// (Group Policy, Intune ADMX ingestion), a macOS .mobileconfig (Jamf, Intune), and a sample
// /etc/airlock/policy.json for Linux. `npm run policy-templates` writes them; tests keep them complete.
import { renderAdml, renderAdmx } from './admx';
import { renderMobileconfig } from './mobileconfig';
import { SAMPLE_POLICY } from './sample-policy';

export interface PolicyTemplateFile {
  /** Relative path in the templates folder. */
  readonly path: string;
  readonly text: string;
}

export function policyTemplates(): PolicyTemplateFile[] {
  return [
    { path: 'windows/airlock.admx', text: renderAdmx() },
    { path: 'windows/en-US/airlock.adml', text: renderAdml() },
    { path: 'macos/airlock.mobileconfig', text: renderMobileconfig() },
    { path: 'linux/policy.json', text: `${JSON.stringify(SAMPLE_POLICY, null, 2)}\n` },
  ];
}

export { managedValuesOf } from './managed-values-of';
export { SAMPLE_POLICY } from './sample-policy';
export { SETTING_DESCRIPTIONS } from './setting-descriptions';
