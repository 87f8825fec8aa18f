// The Endpoints screen's workspace is remembered per account; a damaged entry means nothing is remembered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rememberedWorkspace, rememberWorkspace } from '../../../../renderer/features/endpoints/remembered-workspace';

const store = new Map<string, string>();
const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };

describe('remembered workspace', () => {
  beforeEach(() => {
    store.clear();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('remembers one workspace per account', () => {
    rememberWorkspace('alice', '/ws/a');
    rememberWorkspace('bob', '/ws/b');
    rememberWorkspace('alice', '/ws/a2');
    expect(rememberedWorkspace('alice')).toBe('/ws/a2');
    expect(rememberedWorkspace('bob')).toBe('/ws/b');
    expect(rememberedWorkspace('carol')).toBeNull();
  });

  it('treats a damaged or foreign entry as nothing remembered', () => {
    store.set('airlock.endpoints.workspace', '{not json');
    expect(rememberedWorkspace('alice')).toBeNull();
    store.set('airlock.endpoints.workspace', JSON.stringify({ alice: 42 }));
    expect(rememberedWorkspace('alice')).toBeNull();
    rememberWorkspace('alice', '/ws/a');
    expect(rememberedWorkspace('alice')).toBe('/ws/a');
  });

  it('does nothing without storage', () => {
    Reflect.deleteProperty(globalThis, 'localStorage');
    expect(() => rememberWorkspace('alice', '/ws/a')).not.toThrow();
    expect(rememberedWorkspace('alice')).toBeNull();
  });
});
