// Loading the sandbox IdP (and with it oidc-provider) in a fresh Node process prints no "Unsupported runtime"
// on the versions we checked (sandbox/idp/oidc-provider-runtime.ts), and nothing else is lost on the way.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../../scripts/build';
import { checkedRuntime } from '../../../../sandbox/idp/oidc-provider-runtime';

const quietHere = checkedRuntime(process.versions.node) || Number(process.versions.node.split('.')[0]) >= 22;

describe('oidc-provider start-up warning', () => {
  it.runIf(quietHere)('is not printed when the sandbox IdP loads', () => {
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const idp = pathToFileURL(path.join(ROOT, 'sandbox', 'idp', 'index.ts')).href;
    const script = `const idp = await import(${JSON.stringify(idp)}); console.log(typeof idp.startIdentityProvider); console.warn('still warns');`;
    const result = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('function');
    expect(result.stderr.trim()).toBe('still warns');
  });
});
