// History through the composition root against the whole sandbox: bob signs in, brings the VPN route up and
// scores the Key endpoint through the guarded door (real guard, bundled default policy, SQLite audit trail).
// The answer carries a historyId; history.get gives the payload back; a re-run (history.get → endpoint.score
// with the same target, payload and route) is kept as a second entry. The audit trail's endpoint.score outcomes
// carry the request's SHA-256 and size and the response's status and size — no body, no token. The history
// database never holds the payload in the clear. Forgetting the device wipes the history and its key.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryKeychain, type Airlock } from '../../../electron/services';
import type { MemoryKeychain } from '../../../electron/services/vault';
import { startSandbox, type RunningSandbox } from '../../../sandbox/start-sandbox';
import { signedInAirlock } from '../../support/sandbox/signed-in-airlock';
import { capturingLogger, through } from '../../support/test-airlock';

const MARKER = 'PLANTEDHISTORYTOKEN11';
const PAYLOAD_MARKER = 'PLANTEDHISTORYPAYLOAD11';
const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml-private/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private';
const PAYLOAD = JSON.stringify({ input_data: [`Thanks, the fix works great! ${PAYLOAD_MARKER}`] });

let sandbox: RunningSandbox;
let airlock: Airlock;
let stateDir: string;
let keychain: MemoryKeychain;
const logs = capturingLogger();
const seen: string[] = [];
const historyDb = () => path.join(stateDir, 'userdata', 'history', 'history.db');
const raw = (file: string) => ['', '-wal'].map((s) => (existsSync(file + s) ? readFileSync(file + s).toString('latin1') : '')).join('\n');

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'airlock-history-'));
  sandbox = await startSandbox({ stateDir: path.join(stateDir, 'sandbox'), tokenMarker: MARKER });
  keychain = createMemoryKeychain();
  airlock = await signedInAirlock(sandbox, { userDataDir: path.join(stateDir, 'userdata'), logger: logs, keychain, guard: { policySource: null } });
}, 90_000);

afterAll(async () => {
  await airlock?.dispose();
  await sandbox?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

describe('history of test inferences (whole sandbox, through the guarded door)', () => {
  let first: string;

  it('endpoint.score answers with a historyId; history.get gives the payload and the answer back', async () => {
    const door = through(airlock);
    const scored = await door.endpoint.score({ workspaceId: WS, endpointName: 'sentiment-ep', payload: PAYLOAD });
    seen.push(JSON.stringify(scored));
    expect(scored).toMatchObject({ status: 200, authMode: 'Key', historyId: expect.stringMatching(/^h[A-Za-z0-9_-]{22}$/) as unknown });
    first = scored.historyId!;
    const entry = await door.history.get({ id: first });
    seen.push(JSON.stringify(entry));
    expect(entry.payload).toBe(PAYLOAD);
    expect(entry.result).toEqual(scored);
    expect(entry.summary).toMatchObject({ id: first, environmentId: 'Sandbox', workspaceId: WS, endpointName: 'sentiment-ep', status: 200, via: 'vpn', authMode: 'Key', requestSha256: createHash('sha256').update(PAYLOAD).digest('hex') });
    const list = await door.history.list({});
    expect(list).toMatchObject({ keeping: true, retentionDays: 30, notKeptReason: null, entries: [{ id: first }] });
  });

  it('re-run: history.get → endpoint.score with the same target, payload and route is kept as a new entry', async () => {
    const door = through(airlock);
    const { summary, payload } = await door.history.get({ id: first });
    const again = await door.endpoint.score({ workspaceId: summary.workspaceId, endpointName: summary.endpointName, payload, via: summary.via });
    seen.push(JSON.stringify(again));
    expect(again).toMatchObject({ status: 200, route: { via: 'vpn' } });
    expect(again.historyId).not.toBe(first);
    expect((await door.history.list({ endpointName: 'sentiment-ep' })).entries.map((e) => e.id)).toEqual([again.historyId, first]);
  });

  it("the audit trail's endpoint.score outcomes carry hashes and sizes only", async () => {
    const { records } = await through(airlock).audit.list({ filter: { action: 'endpoint.score', kind: 'outcome' } });
    seen.push(JSON.stringify(records));
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(record).toMatchObject({ outcome: 'ok', payload: { sha256: createHash('sha256').update(PAYLOAD).digest('hex'), bytes: Buffer.byteLength(PAYLOAD) }, response: { status: 200 } });
      expect(record.response!.bytes).toBeGreaterThan(0);
    }
    expect(JSON.stringify(records)).not.toContain(PAYLOAD_MARKER);
    expect(JSON.stringify(records)).not.toContain('Thanks, the fix');
  });

  it('the history database never holds the payload in the clear; no token marker in any result, record or log line', () => {
    expect(raw(historyDb())).not.toContain(PAYLOAD_MARKER);
    const everything = [...seen, ...logs.entries.map((e) => JSON.stringify(e))].join('\n');
    expect(everything).not.toContain(MARKER);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(logs.entries.map((e) => JSON.stringify(e)).join('\n')).not.toContain(PAYLOAD_MARKER);
  });

  it('forgetting the device wipes the history and its key', async () => {
    expect([...keychain.entries.keys()].some((k) => k.startsWith('history-key/'))).toBe(true);
    await through(airlock).auth.forgetDevice();
    expect([...keychain.entries.keys()].some((k) => k.startsWith('history-key/'))).toBe(false);
    expect(raw(historyDb())).not.toContain(first);
  });
});
