// One sandbox identity provider for a test file: started in beforeAll (a fresh context: seed, CA, a clock the
// test moves), stopped in afterAll, with the Airlock environment that points at it and the demo users and
// their scripted browsers. Call it at the top level of the file; read its fields inside tests and hooks, once
// beforeAll has run (before that they throw, instead of handing out undefined).
import { afterAll, beforeAll } from 'vitest';
import type { Environment } from '../../../electron/services/environments';
import { startIdentityProvider, type IdentityProvider, type IdentityProviderOptions } from '../../../sandbox/idp';
import type { SeedUser } from '../../../sandbox/seed/seed-schema';
import { createScriptedBrowser, type ScriptedBrowser } from './scripted-browser';
import { environmentForIdp } from './sandbox-environment';
import { createTestContext, type TestContext } from './test-context';

/** The demo users of the default seed, by the name before `@contoso.test`. */
export type DemoUser = 'alice' | 'bob';

export interface SandboxIdp {
  readonly ctx: TestContext;
  readonly idp: IdentityProvider;
  /** The environment "Sandbox", as the environment-file loader would produce it. */
  readonly environment: Environment;
  user(name: DemoUser): SeedUser;
  /** A scripted browser that signs in as this user (password and the one-time code of the sandbox clock). */
  browserAs(name: DemoUser): ScriptedBrowser;
}

export function useSandboxIdp(options: IdentityProviderOptions = {}): SandboxIdp {
  let started: { ctx: TestContext; idp: IdentityProvider; environment: Environment } | undefined;
  const running = () => {
    if (!started) throw new Error('useSandboxIdp: the sandbox IdP is started in beforeAll; read it inside a test or hook');
    return started;
  };

  beforeAll(async () => {
    const ctx = await createTestContext();
    const idp = await startIdentityProvider(ctx, options);
    started = { ctx, idp, environment: environmentForIdp(idp, ctx.seed, ctx.ca.certPath) };
  });
  afterAll(async () => {
    await started?.idp.stop();
  });

  const sandbox: SandboxIdp = {
    get ctx() {
      return running().ctx;
    },
    get idp() {
      return running().idp;
    },
    get environment() {
      return running().environment;
    },
    user(name) {
      const user = running().ctx.seed.users.find((u) => u.username === `${name}@contoso.test`);
      if (!user) throw new Error(`the sandbox seed has no user ${name}@contoso.test`);
      return user;
    },
    browserAs: (name) => createScriptedBrowser({ caPem: running().ctx.ca.certPem, user: sandbox.user(name), now: running().ctx.now }),
  };
  return sandbox;
}
