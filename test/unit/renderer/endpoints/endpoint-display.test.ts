// An endpoint's facts in words, also when ARM sends something unexpected (a new state, a wrong type, null).
import { describe, expect, it } from 'vitest';
import type { EndpointSummary } from '../../../../shared/contract/schemas/endpoint';
import { authModeLabel, countLabel, ENDPOINT_SORT, endpointSearchKey, provisioningTone, publicAccessLabel, trafficLabel } from '../../../../renderer/features/endpoints/endpoint-display';

const endpoint = (over: Partial<EndpointSummary> = {}): EndpointSummary => ({
  id: '/subscriptions/x/onlineEndpoints/credit',
  name: 'credit',
  authMode: 'AMLToken',
  scoringHost: 'credit.westeurope.inference.ml.azure.com',
  publicNetworkAccess: 'Disabled',
  traffic: [
    { deployment: 'green', percent: 10 },
    { deployment: 'blue', percent: 90 },
  ],
  provisioningState: 'Succeeded',
  description: null,
  createdAt: null,
  modifiedAt: null,
  ...over,
});

describe('endpoint display', () => {
  it('names the auth modes as studio does, and anything else Unknown', () => {
    expect(authModeLabel('AMLToken')).toBe('Azure ML token');
    expect(authModeLabel('Key')).toBe('Key');
    expect(authModeLabel('AADToken')).toBe('Microsoft Entra token');
    expect(authModeLabel('toString')).toBe('Unknown');
    expect(authModeLabel(null)).toBe('Unknown');
  });

  it('says whether the endpoint is reachable publicly', () => {
    expect(publicAccessLabel('Enabled')).toBe('Public');
    expect(publicAccessLabel('Disabled')).toBe('Private only');
    expect(publicAccessLabel(7)).toBe('Unknown');
  });

  it('writes the traffic split busiest first, leaves out 0% shares, and survives wrong types', () => {
    expect(trafficLabel(endpoint().traffic)).toBe('blue 90% · green 10%');
    expect(trafficLabel([{ deployment: 'blue', percent: 0 }])).toBe('No traffic');
    expect(trafficLabel(null)).toBe('Unknown');
    expect(trafficLabel([{ deployment: 'a\u202Eb', percent: 100 }, 'junk', { deployment: 'x', percent: '50' }])).toBe('a[U+202E]b 100%');
  });

  it('gives provisioning states a tone; a new state stays neutral', () => {
    expect(provisioningTone('Succeeded')).toBe('success');
    expect(provisioningTone('Failed')).toBe('danger');
    expect(provisioningTone('Updating')).toBe('warning');
    expect(provisioningTone('Reticulating')).toBe('informative');
    expect(provisioningTone(null)).toBe('informative');
  });

  it('searches by name, auth mode in either spelling, host, access and state', () => {
    const key = endpointSearchKey(endpoint());
    for (const word of ['credit', 'amltoken', 'azure ml token', 'westeurope', 'private only', 'succeeded', 'blue']) expect(key).toContain(word);
  });

  it('sorts a missing scoring host as missing, and counts as numbers', () => {
    expect(ENDPOINT_SORT['scoringHost']!(endpoint({ scoringHost: null }))).toBeNull();
    expect(countLabel(1200)).toBe((1200).toLocaleString());
    expect(countLabel(null)).toBe('—');
    expect(countLabel('3')).toBe('—');
  });
});
