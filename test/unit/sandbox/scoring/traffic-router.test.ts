// The deterministic traffic router: exact proportions over one period, interleaved picks, zero weights
// and unknown names never chosen.
import { describe, expect, it } from 'vitest';
import { createTrafficRouter } from '../../../../sandbox/scoring/traffic-router';
import { endpointResourceId, privateLinkCname, scoringHostname } from '../../../../sandbox/scoring';
import { scopeCovers } from '../../../../sandbox/scoring/rbac';

const tally = (picks: Array<string | null>) => picks.reduce<Record<string, number>>((acc, p) => ({ ...acc, [String(p)]: (acc[String(p)] ?? 0) + 1 }), {});

describe('traffic router', () => {
  it('splits every window of sum-of-weights picks exactly by weight', () => {
    const router = createTrafficRouter({ a: 50, b: 30, c: 20 }, ['a', 'b', 'c']);
    router.next(); // any starting point
    expect(tally(Array.from({ length: 100 }, () => router.next()))).toEqual({ a: 50, b: 30, c: 20 });
  });

  it('interleaves rather than bursting', () => {
    const router = createTrafficRouter({ a: 50, b: 50 }, ['a', 'b']);
    expect(Array.from({ length: 4 }, () => router.next())).toEqual(['a', 'b', 'a', 'b']);
  });

  it('never picks zero-weight or non-existent deployments; null when nothing has weight', () => {
    const router = createTrafficRouter({ a: 0, ghost: 100, b: 10 }, ['a', 'b']);
    expect(new Set(Array.from({ length: 20 }, () => router.next()))).toEqual(new Set(['b']));
    expect(createTrafficRouter({ a: 0 }, ['a']).next()).toBeNull();
    expect(createTrafficRouter({}, ['a']).next()).toBeNull();
  });
});

describe('names', () => {
  it('builds the lower-cased ARM id, the scoring host and the private-link CNAME', () => {
    expect(endpointResourceId('S', 'RG-x', 'Ws', 'Ep')).toBe('/subscriptions/s/resourcegroups/rg-x/providers/microsoft.machinelearningservices/workspaces/ws/onlineendpoints/ep');
    expect(scoringHostname('Ep', 'westeurope')).toBe('ep.westeurope.inference.ml.azure.com');
    expect(privateLinkCname('ep', 'guid', 'westeurope')).toBe('ep.guid.inference.westeurope.privatelink.api.azureml.ms');
  });

  it('matches RBAC scopes on whole path segments', () => {
    const id = endpointResourceId('s', 'rg', 'ws', 'ep');
    expect(scopeCovers('/subscriptions/S', id)).toBe(true);
    expect(scopeCovers('/subscriptions/s/resourceGroups/rg/', id)).toBe(true);
    expect(scopeCovers('/subscriptions/s/resourceGroups/r', id)).toBe(false);
    expect(scopeCovers('/subscriptions/s2', id)).toBe(false);
  });
});
