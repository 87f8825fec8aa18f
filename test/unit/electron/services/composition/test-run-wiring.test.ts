// testRun.* are wired in the composition root (no longer 'not built yet'): through the guarded door, a start
// without an account is E_AUTH_REQUIRED, and a cancel or export of a run that does not exist is E_NOT_FOUND in
// words; the channels answer within their declared errors (never E_INTERNAL).
import { afterEach, describe, expect, it } from 'vitest';
import type { Airlock } from '../../../../../electron/services';
import { testAirlock, through } from '../../../../support/test-airlock';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';
const REF = { workspaceId: WS, endpointName: 'credit-ep', runId: 'r_0123456789abcdef' };
let airlock: Airlock | null = null;
afterEach(async () => {
  await airlock?.dispose();
  airlock = null;
});

describe('testRun channels in the composition root', () => {
  it('start needs an account; cancel and export of an unknown run are E_NOT_FOUND', async () => {
    airlock = testAirlock();
    const api = through(airlock);
    await expect(api.testRun.start({ workspaceId: WS, endpointName: 'credit-ep', payload: '{}', count: 2, concurrency: 1 })).rejects.toMatchObject({ code: 'E_AUTH_REQUIRED' });
    await expect(api.testRun.cancel(REF)).rejects.toMatchObject({ code: 'E_NOT_FOUND', message: 'Airlock has no test run with that id for this endpoint.' });
    await expect(api.testRun.export(REF)).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  }, 30_000); // the whole composition root (audit trail, policy) on a shared machine
});
