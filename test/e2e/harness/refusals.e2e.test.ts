// Two refusals a user must tell apart, in real Chromium: Airlock's admin policy (E_POLICY_DENIED, naming the
// rule and its reason) and Azure's role check (E_AZURE_FORBIDDEN, an ARM 403). The workspace list is stubbed
// to fail each way (behind the same guard); the rest is the real host.
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deniedShape } from '../../../electron/services/guard';
import { ROOT } from '../../../scripts/build';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';

const SHOTS = path.join(ROOT, 'test-results', 'e2e');
const account = { accountId: 'oid.tid', environmentId: 'AzureCloud', username: 'dana@contoso.test', name: 'Dana', tenantId: 'tid', authMethods: ['pwd', 'mfa'], signedInAt: null };

let h: Harness | undefined;

async function listFailingWith(error: AirlockError): Promise<Harness> {
  h = await launchHarness({
    airlock: harnessAirlock(undefined, [], {}, {
      auth: { accounts: async () => ({ accounts: [account], activeAccountId: account.accountId }) },
      workspace: { list: async () => Promise.reject(error) },
    }),
  });
  return h;
}

beforeAll(async () => {
  await ensureRendererBuilt();
}, 120_000);

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('refusals (harness)', () => {
  it("an Airlock policy denial names the rule and the reason, and says it is the organization's policy", async () => {
    const reason = 'Workspaces can be read only on weekdays from 08:00 to 18:00 (Europe/Berlin).';
    const harness = await listFailingWith(AirlockError.fromShape(deniedShape({ effect: 'deny', rule: 'office-hours', reason, auditRequired: false })));
    const alert = harness.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-error-code')).toBe('E_POLICY_DENIED');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain(reason);
    expect(text).toContain("Your organization's Airlock policy does not allow this");
    expect(await alert.locator('[data-refusal-source]').textContent()).toBe('Decided by: Airlock policy, rule office-hours');
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await harness.page.screenshot({ path: path.join(SHOTS, 'refusal-policy.png') });
  });

  it("an ARM 403 reads as Azure's role decision, not as Airlock's policy", async () => {
    const harness = await listFailingWith(new AirlockError('E_AZURE_FORBIDDEN', { details: { status: 403, armCode: 'AuthorizationFailed' } }));
    const alert = harness.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-error-code')).toBe('E_AZURE_FORBIDDEN');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Azure says your role in this subscription does not allow this.');
    expect(text).not.toMatch(/policy/i);
    expect(await alert.locator('[data-refusal-source]').textContent()).toBe('Decided by: Azure role check (HTTP 403, AuthorizationFailed)');
    await harness.page.screenshot({ path: path.join(SHOTS, 'refusal-azure-role.png') });
  });
});
