// The benchmark seed (10,000 models, 1,000 endpoints) is valid, deterministic, and the ARM emulator serves
// it to the real SDK page by page — every model and endpoint, each exactly once. No durations are asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../../../sandbox/seed/load-seed';
import { generateLargeSeed } from '../../../../sandbox/seed/generate-large-seed';
import { Seed } from '../../../../sandbox/seed/seed-schema';
import { collectPages, RG, startArmFixture, type ArmFixture } from './arm-fixture';

const LARGE_WS = 'ws-bench-large';

describe('generateLargeSeed', () => {
  it('produces a valid, deterministic seed without touching the base', async () => {
    const base = await loadSeed();
    const before = JSON.stringify(base);
    const a = generateLargeSeed(base, { models: 50, endpoints: 10 });
    const b = generateLargeSeed(base, { models: 50, endpoints: 10 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(base)).toBe(before);
    expect(Seed.safeParse(a).success).toBe(true);
    const ws = a.subscriptions[0]!.resourceGroups[0]!.workspaces.find((w) => w.name === LARGE_WS)!;
    expect(ws.models).toHaveLength(50);
    expect(ws.onlineEndpoints).toHaveLength(10);
    expect(ws.onlineEndpoints[0]!.deployments[0]!.model).toBe('bench-model-00001:2');
  });
});

describe('ARM emulator on a 10,000-model workspace', () => {
  let f: ArmFixture;
  beforeAll(async () => {
    f = await startArmFixture((s) => {
      const large = generateLargeSeed(s, { models: 10_000, endpoints: 1_000 });
      return { ...large, arm: { readsPerMinute: 1_000_000, pageSize: 100 } };
    });
  });
  afterAll(async () => f.close());

  it('pages through every model and endpoint exactly once', async () => {
    const client = f.client('alice@contoso.test');
    const models = await collectPages(client.modelContainers.list(RG, LARGE_WS));
    expect(models.pages).toBe(100);
    expect(new Set(models.items.map((m) => m.name)).size).toBe(10_000);
    expect(models.items[9_999]!.name).toBe('bench-model-10000');

    const endpoints = await collectPages(client.onlineEndpoints.list(RG, LARGE_WS));
    expect(endpoints.items).toHaveLength(1_000);
    expect(new Set(endpoints.items.map((e) => e.name)).size).toBe(1_000);

    const last = await client.modelVersions.get(RG, LARGE_WS, 'bench-model-09999', '2');
    // 2.1.1's mapper predates `stage` but keeps unknown keys inside properties (wire format §9).
    expect((last.properties as { stage?: string }).stage).toBe('Production');
    const token = await client.onlineEndpoints.getToken(RG, LARGE_WS, 'bench-ep-0001');
    expect(token.accessToken).toBeTruthy();
  });
});
