// An endpoint's scoring (or swagger) URI from ARM is used only as an https name under the environment's
// inference suffix on 443 (ported from the endpoint-host tests): anything else is treated as absent.
import { describe, expect, it } from 'vitest';
import { inferenceUrlOf } from '../../../../../electron/services/azureml';

describe('inference URLs from ARM', () => {
  it('accepts an https name under the suffix', () => {
    expect(inferenceUrlOf('https://credit-ep.eastus.inference.ml.azure.com/score', 'inference.ml.azure.com')?.hostname).toBe('credit-ep.eastus.inference.ml.azure.com');
    expect(inferenceUrlOf('https://credit-ep.eastus.inference.ml.azure.com:443/score', 'inference.ml.azure.com')).not.toBeNull();
  });

  it.each([
    ['http://credit-ep.eastus.inference.ml.azure.com/score'],
    ['https://evil.example.com/score'],
    ['https://inference.ml.azure.com.evil.example/score'],
    ['https://10.0.1.4/score'],
    ['https://credit-ep.eastus.inference.ml.azure.com:8443/score'],
    ['https://user@credit-ep.eastus.inference.ml.azure.com/score'],
    ['not a url'],
    [42],
    [undefined],
  ])('refuses %s', (uri) => {
    expect(inferenceUrlOf(uri, 'inference.ml.azure.com')).toBeNull();
  });
});
