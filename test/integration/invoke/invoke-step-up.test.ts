// A claims challenge on the data plane becomes a step-up: an AADToken endpoint in a workspace with Conditional
// Access auth context c1 (a seed variant: fraud-aad-ep in ws-fraud-restricted) answers bob's Entra token without
// c1 with 401 + WWW-Authenticate insufficient_claims (sandbox/scoring/authorize.ts). Airlock throws
// E_STEP_UP_REQUIRED for Azure Machine Learning (not a blind retry with a fresh token that would lack c1 too);
// answered with MFA, the same call goes through. The whole sandbox, the real composition root, the VPN route.
// The CLI's door (electron/cli/step-up-door.ts) answers the same challenges itself: prompt, then the call again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Airlock } from '../../../electron/services';
import { loadSeed } from '../../../sandbox/seed/load-seed';
import type { Seed } from '../../../sandbox/seed/seed-schema';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { answeringStepUps } from '../../../electron/cli/step-up-door';
import { AirlockError } from '../../../shared/errors/airlock-error';
import { signedInAirlock } from '../../support/sandbox/signed-in-airlock';
import { capturingLogger, through } from '../../support/test-airlock';

const MARKER = 'PLANTEDSTEPUPSCOREMARKER5';
const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-fraud-restricted';

/** The default seed with an Entra-token endpoint in the workspace that requires auth context c1. */
function withProtectedEndpoint(seed: Seed): Seed {
  const copy = structuredClone(seed);
  const workspaces = copy.subscriptions[0]!.resourceGroups[0]!.workspaces;
  const source = workspaces.find((w) => w.name === 'ws-credit-private')!.onlineEndpoints.find((e) => e.name === 'credit-aad-ep')!;
  const restricted = workspaces.find((w) => w.name === 'ws-fraud-restricted')!;
  restricted.onlineEndpoints = [...restricted.onlineEndpoints, { ...structuredClone(source), name: 'fraud-aad-ep', description: 'Fraud scoring (Entra token, auth context c1).' }];
  return copy;
}

let sandbox: RunningSandbox;
let airlock: Airlock;
let stateDir: string;
const logs = capturingLogger();
const seen: string[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-step-up-score-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox'), tokenMarker: MARKER, seed: withProtectedEndpoint(await loadSeed()) });
  airlock = await signedInAirlock(sandbox, { userDataDir: path.join(stateDir, 'userdata'), logger: logs });
}, 90_000);

afterAll(async () => {
  await airlock?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

/** The deployment's own sample (its swagger, read with the same credential), then the score. */
async function score(target = { workspaceId: WS, endpointName: 'fraud-aad-ep' }) {
  const { samples } = await through(airlock).endpoint.payloadSchema(target);
  return through(airlock).endpoint.score({ ...target, payload: samples[0]!.payload });
}

describe('a claims challenge from an AADToken endpoint (whole sandbox)', () => {
  it('asks for a step-up for Azure Machine Learning; answered with MFA, the same call gets its answer', async () => {
    // An Entra ML token without c1 first (an endpoint of an unrestricted workspace): MSAL keeps it.
    expect(await score({ workspaceId: WS.replace('ws-fraud-restricted', 'ws-credit-private'), endpointName: 'credit-aad-ep' })).toMatchObject({ status: 200, authMode: 'AADToken' });
    // The workspace's own claims challenge (ARM) comes first: the endpoint's facts are read from it. The kept ML
    // token still lacks c1, so the scoring host challenges it.
    const challenges: AirlockError[] = [];
    let result: Awaited<ReturnType<typeof score>> | null = null;
    for (let attempt = 0; attempt < 3 && result === null; attempt++) {
      try {
        result = await score();
      } catch (thrown) {
        if (!(thrown instanceof AirlockError) || thrown.code !== 'E_STEP_UP_REQUIRED') throw thrown;
        seen.push(JSON.stringify(thrown.toShape()));
        challenges.push(thrown);
        const stepped = await through(airlock).auth.stepUp({ stepUpId: String(thrown.details?.['stepUpId']) });
        expect(stepped.authMethods).toContain('mfa');
      }
    }
    seen.push(JSON.stringify(result));
    expect(result).toMatchObject({ status: 200, authMode: 'AADToken', route: { via: 'vpn' } });
    // The data plane's challenge was a step-up in words, naming the auth context, never a raw 401.
    expect(challenges.map((c) => c.details?.['resource'])).toContain('Azure Machine Learning');
    expect(challenges.find((c) => c.details?.['resource'] === 'Azure Machine Learning')).toMatchObject({ details: { reason: 'claims-challenge', authContext: 'c1' } });
  });

  it('the CLI door answers them itself: one line per prompt on its stderr, then the same call again, which gets its answer', async () => {
    // bob's authenticator a step later: the IdP refuses a one-time code the test above already used (replay).
    const later = () => new Date(sandbox.context.now().getTime() + 30_000);
    const cli = await signedInAirlock(sandbox, { userDataDir: path.join(stateDir, 'userdata-cli'), logger: logs, runtime: 'cli', authenticatorNow: later });
    try {
      const said: string[] = [];
      const door = answeringStepUps(cli.inProcess('cli'), (line) => said.push(line));
      const scoreThrough = async (target: { workspaceId: string; endpointName: string }) => {
        const schema = await door.call('endpoint.payloadSchema', target);
        if (!schema.ok) return schema;
        return door.call('endpoint.score', { ...target, payload: (schema.value as { samples: Array<{ payload: string }> }).samples[0]!.payload });
      };
      // An ML token without c1 first, as above; then the restricted workspace's challenges, each answered by the door.
      expect(await scoreThrough({ workspaceId: WS.replace('ws-fraud-restricted', 'ws-credit-private'), endpointName: 'credit-aad-ep' })).toMatchObject({ ok: true, value: { status: 200 } });
      const result = await scoreThrough({ workspaceId: WS, endpointName: 'fraud-aad-ep' });
      seen.push(JSON.stringify(result), ...said);
      expect(result).toMatchObject({ ok: true, value: { status: 200, authMode: 'AADToken' } });
      expect(said).toContain('Azure Machine Learning asked for a stronger sign-in. Sign in again as bob@contoso.test to go on.');
    } finally {
      await cli.dispose();
    }
  });

  it('leak scan: no token marker or JWT in any answer, error or log line', () => {
    const everything = [...seen, ...logs.entries.map((e) => JSON.stringify(e))].join('\n');
    expect(everything).not.toContain(MARKER);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });
});
