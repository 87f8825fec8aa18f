// The payload's first look (electron/services/gateway/input-shape.ts): what no channel's input can be is refused
// before its schema walks it; every input the contract accepts still passes, and the key bound covers the
// largest input the contract declares.
import { describe, expect, it } from 'vitest';
import { inputShapeFits, MAX_INPUT_KEYS } from '../../../../../electron/services/gateway/input-shape';
import { contract } from '../../../../../shared/contract/contract';

describe('inputShapeFits', () => {
  it('passes nothing, primitives, null and plain objects of a few keys (the schema decides those)', () => {
    for (const payload of [undefined, null, 0, 'x', true, {}, { workspaceId: 'w', endpointName: 'e' }, Object.create(null) as object, JSON.parse('{"__proto__": {"polluted": 1}}') as object]) {
      expect(inputShapeFits(payload)).toBe(true);
    }
  });

  it('refuses arrays, typed arrays, Maps, Sets, dates and class instances', () => {
    class Thing {
      readonly workspaceId = 'w';
    }
    for (const payload of [[], [1, 2], new Uint8Array(65_536), new Map([['a', 1]]), new Set([1]), new Date(0), new Thing()]) {
      expect(inputShapeFits(payload)).toBe(false);
    }
  });

  it(`refuses a plain object of more than ${MAX_INPUT_KEYS} keys, and not one key fewer`, () => {
    const withKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(inputShapeFits(withKeys(MAX_INPUT_KEYS))).toBe(true);
    expect(inputShapeFits(withKeys(MAX_INPUT_KEYS + 1))).toBe(false);
    expect(inputShapeFits(withKeys(100_000))).toBe(false);
  });

  it('leaves room for every input the contract declares (top-level keys of each object schema)', () => {
    const shapes = Object.values(contract).flatMap((spec) => {
      const def = (spec.input as unknown as { _zod: { def: { type: string; shape?: object; options?: Array<{ _zod: { def: { shape?: object } } }> } } })._zod.def;
      if (def.type === 'object') return [Object.keys(def.shape ?? {}).length];
      if (def.type === 'union') return (def.options ?? []).map((o) => Object.keys(o._zod.def.shape ?? {}).length);
      return [0];
    });
    expect(Math.max(...shapes)).toBeLessThanOrEqual(MAX_INPUT_KEYS);
    expect(Math.max(...shapes)).toBeGreaterThan(0);
  });
});
