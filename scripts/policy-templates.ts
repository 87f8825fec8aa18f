// `npm run policy-templates [-- <folder>]`: writes the admin policy templates (ADMX/ADML, .mobileconfig,
// sample policy.json) generated from the policy's value table, by default to dist/policy-templates. They are
// build output: never committed; the release build ships them beside the installers.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { policyTemplates } from '../electron/services/policy/templates';
import { ROOT } from './build';

async function main(): Promise<void> {
  const folder = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'policy-templates'));
  for (const file of policyTemplates()) {
    const target = path.join(folder, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  }
}

main().catch((error: unknown) => {
  console.error(`policy-templates: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
