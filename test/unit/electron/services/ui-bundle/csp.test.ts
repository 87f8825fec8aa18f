import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../../../electron/services/ui-bundle/csp';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0]!, d.slice(d.indexOf(' ') + 1)]));
}

describe('content security policy', () => {
  it('locks the page to its own origin and forbids eval, plugins, framing and remote connections', () => {
    const d = directives(buildCsp());
    expect(d.get('default-src')).toBe("'self'");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('connect-src')).toBe("'self'");
    expect(d.get('object-src')).toBe("'none'");
    expect(d.get('frame-ancestors')).toBe("'none'");
    expect(d.get('base-uri')).toBe("'none'");
    expect(d.get('form-action')).toBe("'none'");
  });

  it('never contains unsafe-eval, unsafe-inline, wildcards or remote schemes', () => {
    for (const csp of [buildCsp(), buildCsp({ styleNonce: 'abc123' })]) {
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|unsafe-hashes|\*|https?:|ws:|blob:/);
    }
  });

  it('allows styles only from self plus the per-page nonce', () => {
    expect(directives(buildCsp({ styleNonce: 'n0nce' })).get('style-src')).toBe("'self' 'nonce-n0nce'");
    expect(directives(buildCsp()).get('style-src')).toBe("'self'");
  });
});

describe('content security policy in a <meta> fallback', () => {
  it('is the header policy without frame-ancestors, which <meta> cannot carry', () => {
    const header = directives(buildCsp({ styleNonce: 'n' }));
    const meta = directives(buildCsp({ styleNonce: 'n', delivery: 'meta' }));
    expect(meta.has('frame-ancestors')).toBe(false);
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });
});
