// Anomaly hints reach the guard: the real composition root with a real admin policy (a text source) and the
// real audit trail, sign-in stubbed to fail. After five failed sign-ins the detector holds a repeated-failures
// hint for "nobody signed in"; the request context carries it, so a policy with anomalies.block
// [repeated-failures] refuses the next sign-in and names the hint, and without that setting the sign-in goes
// ahead while audit.anomalies shows the hint. A fake clock; nothing waits on the wall clock.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAirlock, createMemoryKeychain, type Airlock, type HandlerReplacements } from '../../../../../electron/services';
import type { RequestContext } from '../../../../../electron/services/guard';
import { createTextPolicySource } from '../../../../../electron/services/policy';
import { AirlockError } from '../../../../../shared/errors/airlock-error';
import { capturingLogger, fixedClock, testAirlock, through } from '../../../../support/test-airlock';

const policyText = (block: string) => `version: 1
environments: ["*"]
tenants: ["*"]
anomalies: { block: [${block}] }
rules:
  - id: everything
    effect: allow
    actions: ["*"]
`;

/** A cold start (Cedar, SQLite, keychain) takes seconds on a busy 2-core machine. */
const COLD_START_MS = 30_000;
const airlocks: Airlock[] = [];
afterEach(async () => {
  for (const a of airlocks.splice(0)) await a.dispose();
});

function setup(block: string) {
  const attempts: RequestContext[] = [];
  let succeed = false;
  const airlock = testAirlock({
    guard: { policySource: createTextPolicySource({ text: policyText(block), format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) },
    replacements: {
      auth: {
        signIn: async (_request, ctx) => {
          attempts.push(ctx);
          if (!succeed) throw new AirlockError('E_AUTH_REQUIRED', { message: 'The sign-in did not complete.' });
          return { accountId: 'oid.tid', environmentId: 'Sandbox', username: 'ana@contoso.test', name: 'Ana', tenantId: 'tid', authMethods: ['pwd'], signedInAt: null };
        },
      },
    },
  });
  airlocks.push(airlock);
  const signIn = () => through(airlock).auth.signIn({ environmentId: 'Sandbox', method: 'browser' });
  const failFiveTimes = async () => {
    for (let i = 0; i < 5; i += 1) await expect(signIn()).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
  };
  return { airlock, attempts, signIn, failFiveTimes, succeedFromNowOn: () => (succeed = true) };
}

describe('anomaly hints in the guard', () => {
  it("a policy blocking repeated-failures refuses the sixth sign-in, naming the hint; the handler is not called", async () => {
    const { airlock, attempts, signIn, failFiveTimes, succeedFromNowOn } = setup('repeated-failures');
    await failFiveTimes();
    expect(attempts.at(-1)?.anomalies).toEqual([]);
    succeedFromNowOn();
    const refused = await signIn().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AirlockError);
    const { code, details } = refused as AirlockError;
    expect(code).toBe('E_POLICY_DENIED');
    expect(details).toMatchObject({ rule: 'airlock-anomalies', source: 'policy' });
    expect(String(details?.['reason'])).toMatch(/repeated-failures/);
    expect(attempts).toHaveLength(5);
    // Reading the trail is not a baseline action, so while the block lasts nobody-signed-in cannot ask audit.anomalies.
    const hints = await airlock.services.anomalies!.hints();
    expect(hints).toMatchObject([{ kind: 'repeated-failures', accountId: null, blocking: true }]);
    expect(hints[0]?.evidenceSeqs).toHaveLength(5);
  }, COLD_START_MS);

  it('without it, the sixth sign-in is decided and runs with the hint in its context, and audit.anomalies shows it (not blocking)', async () => {
    const { airlock, attempts, signIn, failFiveTimes, succeedFromNowOn } = setup('');
    await failFiveTimes();
    succeedFromNowOn();
    await signIn();
    expect(attempts).toHaveLength(6);
    expect(attempts.at(-1)?.anomalies).toEqual(['repeated-failures']);
    const { hints } = await through(airlock).audit.anomalies();
    expect(hints).toMatchObject([{ kind: 'repeated-failures', accountId: null, username: null, blocking: false }]);
    expect(hints[0]?.summary).toMatch(/5 failed sign-ins/);
    expect(airlock.services.anomalies).not.toBeNull();
  }, COLD_START_MS);

  it('at start, with a blocking policy, the first decision waits for the history: failures of the last run still block', async () => {
    const userDataDir = mkdtempSync(path.join(tmpdir(), 'airlock-anomaly-'));
    const keychain = createMemoryKeychain();
    const calls: string[] = [];
    const failing: HandlerReplacements = {
      auth: {
        signIn: async () => {
          calls.push('signIn');
          throw new AirlockError('E_AUTH_REQUIRED', { message: 'The sign-in did not complete.' });
        },
      },
    };
    const start = () =>
      createAirlock(
        { runtime: { version: '0.1.0', build: 'development', runtime: 'node', platform: 'linux', arch: 'x64' } },
        {
          clock: fixedClock(),
          logger: capturingLogger(),
          identity: { openBrowser: async () => undefined, keychain, userDataDir },
          guard: { policySource: createTextPolicySource({ text: policyText('repeated-failures'), format: 'yaml', file: '/etc/airlock/policy.yaml', kind: 'file' }) },
        },
        failing,
      );
    const first = start();
    for (let i = 0; i < 5; i += 1) await expect(through(first).auth.signIn({ environmentId: 'Sandbox', method: 'browser' })).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
    await first.dispose();

    const second = start();
    airlocks.push(second);
    await expect(through(second).auth.signIn({ environmentId: 'Sandbox', method: 'browser' })).rejects.toMatchObject({ code: 'E_POLICY_DENIED', details: { rule: 'airlock-anomalies' } });
    expect(calls).toHaveLength(5);
  }, 2 * COLD_START_MS);

  it('is absent where a test gave the guard a fake audit trail', () => {
    const airlock = testAirlock({ guard: { audit: { append: async () => ({ seq: 1 }) } } });
    airlocks.push(airlock);
    expect(airlock.services.anomalies).toBeNull();
  });
});
