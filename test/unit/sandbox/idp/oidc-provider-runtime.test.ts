// oidc-provider's start-up "Unsupported runtime" line: dropped only on the Node versions we checked (20.19+,
// where every API it calls exists and the IdP tests run), only while it loads, and only that exact line.
// test/integration/sandbox/idp/runtime-warning.test.ts loads the real package.
import { describe, expect, it, vi } from 'vitest';
import { RUNTIME_WARNING, checkedRuntime, quietRuntimeWarning } from '../../../../sandbox/idp/oidc-provider-runtime';

describe("oidc-provider's runtime warning", () => {
  it('counts Node 20.19 and later 20.x as checked, and nothing older', () => {
    expect(checkedRuntime('20.19.0')).toBe(true);
    expect(checkedRuntime('20.20.2')).toBe(true);
    expect(checkedRuntime('20.18.3')).toBe(false);
    expect(checkedRuntime('18.20.0')).toBe(false);
  });

  it('drops that one line and lets every other warning through, then puts console.warn back', () => {
    const original = console.warn;
    const seen = vi.fn();
    console.warn = seen;
    try {
      const restore = quietRuntimeWarning('20.20.2');
      console.warn(RUNTIME_WARNING);
      console.warn(`\x1b[31;1m${RUNTIME_WARNING}\x1b[0m`); // how it looks on a terminal
      console.warn('oidc-provider WARNING: already parsed request body detected');
      restore();
      console.warn(RUNTIME_WARNING);
      expect(seen.mock.calls).toEqual([['oidc-provider WARNING: already parsed request body detected'], [RUNTIME_WARNING]]);
      expect(console.warn).toBe(seen);
    } finally {
      console.warn = original;
    }
  });

  it('keeps the line on a runtime nobody checked', () => {
    const original = console.warn;
    const seen = vi.fn();
    console.warn = seen;
    try {
      const restore = quietRuntimeWarning('20.18.0');
      console.warn(RUNTIME_WARNING);
      restore();
      expect(seen).toHaveBeenCalledWith(RUNTIME_WARNING);
    } finally {
      console.warn = original;
    }
  });

});
